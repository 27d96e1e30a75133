/** A form problem the rep must fix, as an i18n key (rendered in the current language). */
export type FormProblem = { key: string; params?: Record<string, string | number> }
