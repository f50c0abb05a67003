/** RFC 9457 problem details, the body of every API error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
  /** Extension members some problems carry, e.g. `existing` for participant_exists. */
  [extension: string]: unknown;
}

export interface FieldError {
  /** Dotted path of the bad field inside the request part, e.g. `weekly.2.end`. */
  path: string;
  message: string;
}
