/** officeCall settles from Office's callback alone: the callback never reads globals that may be gone by then. */
import { FakeOffice } from "../../src/fake-office/fake-office";
import { OfficeApiError, officeCall } from "../../src/office/office-call";

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe("officeCall", () => {
  it("settles when the callback comes after the Office global is gone (a pane torn down mid-call)", async () => {
    const fake = new FakeOffice({ draft: { subject: "Sag" } });
    (globalThis as { Office?: unknown }).Office = fake.office;
    const item = (fake.office as { context: { mailbox: { item: Office.MessageCompose } } }).context.mailbox.item;
    const subject = officeCall<string>("subject.getAsync", (cb) => {
      item.subject.getAsync(cb);
    });
    delete (globalThis as { Office?: unknown }).Office;
    await expect(subject).resolves.toBe("Sag");
  });

  it("turns a failed result and a throwing start into OfficeApiError", async () => {
    const fake = new FakeOffice({ draft: { subject: "Sag" } }).fail("subject.getAsync", { code: 9002, message: "Internal error" });
    (globalThis as { Office?: unknown }).Office = fake.office;
    const item = (fake.office as { context: { mailbox: { item: Office.MessageCompose } } }).context.mailbox.item;
    await expect(officeCall<string>("subject.getAsync", (cb) => { item.subject.getAsync(cb); })).rejects.toBeInstanceOf(OfficeApiError);
    await expect(officeCall<string>("x", () => { throw new Error("boom"); })).rejects.toThrow(/x failed: boom/);
  });
});
