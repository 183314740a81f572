/** Format of a registered schema. */
export enum SchemaDataFormat {
  AVRO = 'AVRO',
  PROTOBUF = 'PROTOBUF',
  JSON = 'JSON',
}

/** Glue Schema Registry compatibility modes. */
export enum SchemaCompatibility {
  NONE = 'NONE',
  DISABLED = 'DISABLED',
  BACKWARD = 'BACKWARD',
  BACKWARD_ALL = 'BACKWARD_ALL',
  FORWARD = 'FORWARD',
  FORWARD_ALL = 'FORWARD_ALL',
  FULL = 'FULL',
  FULL_ALL = 'FULL_ALL',
}

export interface SchemaRegistryProps {
  /** Registry name (letters, digits, `-`, `_`, `$`, `#`). */
  readonly registryName: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
}

export interface RegisteredSchemaOptions {
  /** Schema name (the topic's value subject). */
  readonly name: string;
  readonly dataFormat: SchemaDataFormat;
  readonly compatibility: SchemaCompatibility;
  /** Every version's definition, oldest first; the first creates the schema, the others are registered in order. */
  readonly versions: readonly string[];
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
}
