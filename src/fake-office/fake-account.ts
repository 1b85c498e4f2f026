/** The fake user's Entra object id and tenant (fake Office and the playground's NAA bridge): fixed, made up, GUID-shaped as Entra's are. */
export const FAKE_USER_OBJECT_ID = "3f1c9e5d-2b7a-4c8e-a6d0-1e9f8b7c6d5a";
export const FAKE_TENANT_ID = "0b5e7c2a-6d4f-4e1b-9a3c-8f2d1e0c9b7a";
