/*
 * The production manifest: manifest.xml with the developer origin (https://localhost:3000/)
 * replaced by the origin where an organisation hosts dist-addin/. Used by webpack.config.js:
 *
 *   npm run build:addin -- --env origin=https://sikkerpost.example.dk
 *
 * writes dist-addin/manifest.xml for that origin. Without --env origin the manifest is copied
 * as it is (for sideloading from localhost). An origin that is not https, or that carries a
 * query, fragment or user name, stops the build before anything is compiled: Outlook only
 * loads add-ins over HTTPS, and a half-right manifest uploaded to the admin center is worse
 * than no build.
 */
"use strict";
const { URL } = require("node:url");

const DEV_ORIGIN = "https://localhost:3000/";

class ManifestOriginError extends Error {}

/**
 * Checks an origin (optionally with a path, e.g. https://intra.example.dk/sikkerpost) and
 * returns it as a base URL ending in "/".
 */
function parseOrigin(origin) {
  if (typeof origin !== "string" || origin.trim() === "") {
    throw new ManifestOriginError("--env origin needs a value, e.g. --env origin=https://sikkerpost.example.dk");
  }
  let url;
  try {
    url = new URL(origin.trim());
  } catch {
    throw new ManifestOriginError(`--env origin=${origin} is not a URL; give e.g. https://sikkerpost.example.dk`);
  }
  if (url.protocol !== "https:") {
    throw new ManifestOriginError(`--env origin=${origin} must use https: Outlook loads add-ins only over HTTPS`);
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new ManifestOriginError(`--env origin=${origin} must be a plain https origin or folder, without user name, query or fragment`);
  }
  const base = url.href.endsWith("/") ? url.href : `${url.href}/`;
  // Only characters that need no escaping in an XML attribute or a URL path segment.
  if (!/^https:\/\/[A-Za-z0-9.\-:[\]]+(\/[A-Za-z0-9._~\-%/]*)?$/.test(base)) {
    throw new ManifestOriginError(`--env origin=${origin} has characters that do not belong in an add-in origin`);
  }
  return base;
}

/** Returns the manifest text for the given origin; unchanged when origin is undefined. */
function manifestForOrigin(xml, origin) {
  if (origin === undefined) return xml;
  const base = parseOrigin(origin);
  if (!xml.includes(DEV_ORIGIN)) throw new ManifestOriginError(`manifest.xml has no ${DEV_ORIGIN} URLs to replace`);
  return xml.split(DEV_ORIGIN).join(base);
}

/** The CopyWebpackPlugin pattern that writes dist-addin/manifest.xml. Checks the origin at once. */
function manifestPattern(origin) {
  if (origin !== undefined) parseOrigin(origin);
  return {
    from: "manifest.xml",
    to: "manifest.xml",
    transform: (content) => manifestForOrigin(content.toString("utf8"), origin),
  };
}

module.exports = { DEV_ORIGIN, ManifestOriginError, parseOrigin, manifestForOrigin, manifestPattern };
