// Until sdk/src/schemas/auth.ts defines OfficialProfile, the shape the API plan gives.
export interface OfficialProfile {
  id: string;
  email: string;
  displayName: string;
  role: 'admin' | 'moderator' | 'responder';
  units: { id: string; name: string }[];
  totpEnabled: boolean;
  site: { id: string; name: string };
}
