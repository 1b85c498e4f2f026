/**
 * src/office/policy-source.ts reads what the build compiled in (webpack's DefinePlugin replaces
 * __SIKKER_POST_POLICY__ and __SIKKER_POST_POLICY_URL__): here those are injected as globals,
 * the way they are seen when the module runs without webpack.
 */
import { DEFAULT_POLICY, parsePolicy } from "../../src/core/policy/policy";
import { addinConfig, loadPolicy, PolicyLoadError } from "../../src/office/policy-source";
import { PUBLIC_LIST_DOMAIN_SAFETY } from "../../src/core/policy/public-domain-lists";

type Globals = { __SIKKER_POST_POLICY__?: unknown; __SIKKER_POST_POLICY_URL__?: unknown; __SIKKER_POST_CONFIG__?: unknown };
const g = globalThis as Globals;

const COMPILED = parsePolicy({ version: 1, name: "Indbygget", send: { internalDomains: ["example.dk"] } });
const URL = "https://sikkerpost.example.dk/policy.json";

afterEach(() => {
  delete g.__SIKKER_POST_POLICY__;
  delete g.__SIKKER_POST_POLICY_URL__;
  delete g.__SIKKER_POST_CONFIG__;
});

const noFetch = (url: string): Promise<{ status: number; text: string }> => Promise.reject(new Error(`fetched ${url}`));

describe("the policy source", () => {
  it("is the built-in default when the build gave neither a policy nor a URL", async () => {
    g.__SIKKER_POST_POLICY__ = null;
    g.__SIKKER_POST_POLICY_URL__ = "";
    expect(addinConfig()).toEqual({ policyUrl: "", policy: null });
    await expect(loadPolicy(addinConfig(), noFetch)).resolves.toBe(DEFAULT_POLICY);
  });

  it("is the built-in default outside a build, where nothing is defined", async () => {
    expect(addinConfig()).toEqual({ policyUrl: "", policy: null });
    await expect(loadPolicy(addinConfig(), noFetch)).resolves.toBe(DEFAULT_POLICY);
  });

  it("is the compiled-in policy, used as it is, with no network", async () => {
    g.__SIKKER_POST_POLICY__ = COMPILED;
    g.__SIKKER_POST_POLICY_URL__ = "";
    expect(addinConfig()).toEqual({ policyUrl: "", policy: COMPILED });
    await expect(loadPolicy(addinConfig(), noFetch)).resolves.toBe(COMPILED);
  });

  it("is fetched from the compiled-in URL when no policy is compiled in", async () => {
    g.__SIKKER_POST_POLICY__ = null;
    g.__SIKKER_POST_POLICY_URL__ = URL;
    expect(addinConfig()).toEqual({ policyUrl: URL, policy: null });
    const fetched: string[] = [];
    const policy = await loadPolicy(addinConfig(), (url) => {
      fetched.push(url);
      return Promise.resolve({ status: 200, text: JSON.stringify({ version: 1, name: "Hentet" }) });
    });
    expect([policy.name, fetched]).toEqual(["Hentet", [URL]]);
    await expect(loadPolicy(addinConfig(), noFetch)).rejects.toBeInstanceOf(PolicyLoadError);
  });

  it("checks a fetched policy's domains with the check it is given: the pane's full one, the handler's built-in one", async () => {
    const coUk = (): Promise<{ status: number; text: string }> => Promise.resolve({ status: 200, text: JSON.stringify({ version: 1, send: { internalDomains: ["co.uk"] } }) });
    const config = { policyUrl: URL, policy: null };
    await expect(loadPolicy(config, coUk, PUBLIC_LIST_DOMAIN_SAFETY)).rejects.toThrow(`${URL} is not a valid policy: policy.send.internalDomains: "co.uk" is a public suffix`);
    await expect(loadPolicy(config, coUk)).resolves.toMatchObject({ send: { internalDomains: ["co.uk"] } });
  });

  it("takes the compiled-in policy over a URL, should both ever be defined (the build refuses that)", () => {
    g.__SIKKER_POST_POLICY__ = COMPILED;
    g.__SIKKER_POST_POLICY_URL__ = URL;
    expect(addinConfig()).toEqual({ policyUrl: "", policy: COMPILED });
  });

  it("lets the playground's run-time URL replace a compiled-in policy, so there is still one source", () => {
    g.__SIKKER_POST_POLICY__ = COMPILED;
    g.__SIKKER_POST_CONFIG__ = { policyUrl: URL };
    expect(addinConfig()).toEqual({ policyUrl: URL, policy: null });
  });
});
