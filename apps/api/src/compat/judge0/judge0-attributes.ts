/**
 * Rails-style checks of one Judge0 attribute, collecting `{"attr": ["message"]}` as Judge0's
 * model validations do. Numbers may come as numeric strings; booleans as "true"/"false".
 */
export class Judge0Attributes {
  readonly errors: Record<string, string[]> = {};

  constructor(private readonly body: Record<string, unknown>) {}

  add(attr: string, message: string): void {
    (this.errors[attr] ??= []).push(message);
  }

  get valid(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  present(attr: string): boolean {
    const value = this.body[attr];
    return value !== undefined && value !== null && value !== '';
  }

  /** A string attribute (numbers are taken as their text), or undefined when absent; `maxLength` as Rails' length check. */
  text(attr: string, maxLength?: number): string | undefined {
    if (!this.present(attr)) return undefined;
    const value = this.body[attr];
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.add(attr, 'is invalid');
      return undefined;
    }
    const text = String(value);
    if (maxLength !== undefined && text.length > maxLength) this.add(attr, `is too long (maximum is ${maxLength} characters)`);
    return text;
  }

  /**
   * A number within Judge0's bounds (`min` inclusive unless `greaterThan`), or undefined when absent.
   * `float` bounds render as Ruby floats ("15.0"), integer ones as integers.
   */
  number(
    attr: string,
    bounds: { min: number; max: number; greaterThan?: boolean; float?: boolean; integer?: boolean },
  ): number | undefined {
    if (!this.present(attr)) return undefined;
    const raw = this.body[attr];
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    const show = (n: number) => (bounds.float && Number.isInteger(n) ? `${n}.0` : String(n));
    if (!Number.isFinite(value)) this.add(attr, 'is not a number');
    else if (bounds.integer && !Number.isInteger(value)) this.add(attr, 'must be an integer');
    else if (bounds.greaterThan && value <= bounds.min) this.add(attr, `must be greater than ${show(bounds.min)}`);
    else if (!bounds.greaterThan && value < bounds.min) this.add(attr, `must be greater than or equal to ${show(bounds.min)}`);
    else if (value > bounds.max) this.add(attr, `must be less than or equal to ${show(bounds.max)}`);
    else return value;
    return undefined;
  }

  /** A boolean (true/false or their strings); anything else is false, as Rails casts it. */
  flag(attr: string): boolean {
    const value = this.body[attr];
    return value === true || value === 'true' || value === 1 || value === '1';
  }
}
