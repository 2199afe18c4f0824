/**
 * A bench's command line: `--name value` options and `--flag` switches, with the `--` pnpm passes
 * through dropped. `integer` refuses anything but a whole number of at least `minimum`.
 */
export const benchOptions = ({ minimum = 1 }: { readonly minimum?: number } = {}) => {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const option = (name: string, fallback: string): string => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
  };
  const integer = (name: string, fallback: number): number => {
    const value = Number(option(name, String(fallback)));
    if (!Number.isSafeInteger(value) || value < minimum) throw new Error(`--${name} must be a whole number ≥ ${minimum}`);
    return value;
  };
  return { args, option, integer };
};
