/** Follows Outlook's light or dark theme with Fluent 2 tokens. */
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";

export function applyOfficeTheme(): void {
  let dark = false;
  try {
    const theme = Office.context.officeTheme as (Office.OfficeTheme & { isDarkTheme?: boolean }) | undefined;
    dark = theme?.isDarkTheme ?? (theme ? isDark(theme.bodyBackgroundColor) : matchMedia("(prefers-color-scheme: dark)").matches);
  } catch {
    dark = matchMedia("(prefers-color-scheme: dark)").matches;
  }
  setTheme(dark ? webDarkTheme : webLightTheme);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

function isDark(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x ?? "ff", 16));
  return 0.299 * (r ?? 255) + 0.587 * (g ?? 255) + 0.114 * (b ?? 255) < 128;
}
