// The Fluent web components publish per-component entry points through package "exports",
// which this project's CommonJS module resolution does not read; webpack does. Their types:
declare module "@fluentui/web-components/button.js";
declare module "@fluentui/web-components/switch.js";
declare module "@fluentui/web-components/theme/set-theme.js" {
  export function setTheme(theme: Readonly<Record<string, string | number>> | null): void;
}
