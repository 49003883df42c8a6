/** Environment variables as a process has them. */
export type Env = Readonly<Record<string, string | undefined>>;
