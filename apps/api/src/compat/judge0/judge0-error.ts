/** A refusal in Judge0's own terms: its status and body (null: an empty body, as Judge0's `head`). */
export class Judge0Error extends Error {
  constructor(
    readonly status: number,
    readonly body: object | null,
  ) {
    super(body && 'error' in body ? String(body.error) : `Judge0 answer ${status}`);
    this.name = 'Judge0Error';
  }

  /** 400 `{"error": message}`. */
  static badRequest(error: string): Judge0Error {
    return new Judge0Error(400, { error });
  }

  /** 422 `{"attr": ["message", …]}`, Rails' validation errors. */
  static unprocessable(errors: Record<string, string[]>): Judge0Error {
    return new Judge0Error(422, errors);
  }
}
