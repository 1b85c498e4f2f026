/** Why a sensitive word counts or not, in words for the pane (decideSend's termStanding). */
import type { Strings } from "../i18n/strings";
import type { TermStanding } from "../policy/decide-send";
import type { TermFinding } from "../scan/findings";

export function termStandingText(s: Strings, f: TermFinding, standing: TermStanding): string {
  const t = s.pane.termStanding;
  const about = f.about;
  const word = about !== undefined && (about.kind === "reference" || about.kind === "subject") ? about.word : "";
  switch (standing) {
    case "reference":
      return t.reference(word);
    case "name":
      return t.name;
    case "birthDate":
      return t.birthDate;
    case "subject":
      return t.subject(word);
    case "cpr":
      return t.cpr;
    case "webmail":
      return t.webmail;
    case "topic":
      return about?.kind === "topic" && about.teachingCase === true ? t.teachingCase : t.topic;
    case "unchecked":
      return t.unchecked;
  }
}
