/** How sensitive a dataset is; selects its encryption key and is tagged on its stores. */
export type DataClassification = 'internal' | 'confidential' | 'restricted';

/** Every classification, least to most sensitive. */
export const DATA_CLASSIFICATION_LEVELS: readonly DataClassification[] = ['internal', 'confidential', 'restricted'];
