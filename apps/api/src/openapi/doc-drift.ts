/**
 * Type-level drift checks between a class that documents a JSON shape and the type the code returns:
 * `NoneDiffer<FieldsDiffer<Doc, View>>` compiles only while both name exactly the same fields, so tsc
 * names a field added to or removed from one side only.
 */
export type FieldsDiffer<Doc, View> = Exclude<keyof Doc, keyof View> | Exclude<keyof View, keyof Doc>;
export type NoneDiffer<Fields extends never> = Fields;
