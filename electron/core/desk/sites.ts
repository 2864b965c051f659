// The desk's sites (AURA's Fixed Locations): synced from AURA, registered, edited and deleted
// there, and looked up by the rest of the desk (a site's name in the log, AURA's id of a site).
import type { Callout } from '../../shared/model/callout';
import type { Site, SiteInput } from '../../shared/model/site';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../ports';
import { requireApi, type DeskPort } from '../aura/port';
import { siteDeleted, siteEdited, siteRegistered } from './audit-records';
import type { DeskStore } from './store';

export interface SitesDeps {
  api: DeskPort | null;
  store: DeskStore;
  audit: AuditLog;
  clock: Clock;
  /** The site's callout that AURA has not closed yet (a site with one cannot be deleted). */
  activeCalloutFor(siteId: string): Callout | undefined;
  /** The operator's choice of shown sites, without the deleted one. */
  unshow(siteId: string): void;
  onContact(): void;
  onFailure(error: unknown): void;
  emit(): void;
}

export class SitesService {
  constructor(private readonly deps: SitesDeps) {}

  /** Reads AURA's Fixed Locations into the desk's sites; a failure is told to readiness and thrown. */
  async sync(): Promise<Site[]> {
    const { api, store, clock } = this.deps;
    if (!api) return store.sites;
    try {
      const sites = await api.listSites();
      this.deps.onContact();
      store.setSites(sites, clock.now());
    } catch (error) {
      this.deps.onFailure(error);
      throw error;
    } finally {
      this.deps.emit();
    }
    return store.sites;
  }

  async create(input: SiteInput): Promise<Site> {
    if (this.deps.store.sites.some((site) => site.id === input.externalReferenceId)) {
      throw new Error(`A site with reference "${input.externalReferenceId}" already exists`);
    }
    const created = await this.requireApi().registerSite(input);
    this.deps.audit.record(...siteRegistered(created));
    await this.sync();
    return created;
  }

  async update(input: SiteInput): Promise<Site> {
    const site = this.siteOf(input.externalReferenceId);
    const updated = await this.requireApi().editSite(auraIdOrThrow(site), input, site);
    this.deps.audit.record(...siteEdited(updated, site.id));
    await this.sync();
    return updated;
  }

  async remove(siteId: string): Promise<Record<string, never>> {
    const site = this.siteOf(siteId);
    if (this.deps.activeCalloutFor(siteId)) {
      throw new Error(`${site.name} has an active callout; it can be deleted once AURA closes the callout`);
    }
    await this.requireApi().deleteSite(auraIdOrThrow(site));
    this.deps.audit.record(...siteDeleted(site));
    this.deps.unshow(siteId);
    await this.sync();
    return {};
  }

  /** AURA's id of a site; syncs the sites once if this desk does not know it yet. */
  async auraIdOf(siteId: string): Promise<number | null> {
    const known = this.find(siteId)?.auraId;
    if (known != null) return known;
    await this.sync();
    return this.find(siteId)?.auraId ?? null;
  }

  /** The site's name for the log and messages; its id when the desk does not know it. */
  nameOf(siteId: string): string {
    return this.find(siteId)?.name ?? siteId;
  }

  private find(siteId: string): Site | undefined {
    return this.deps.store.sites.find((s) => s.id === siteId);
  }

  private siteOf(siteId: string): Site {
    const site = this.find(siteId);
    if (!site) throw new Error(`This desk has no site "${siteId}"; sync the sites first`);
    return site;
  }

  private requireApi(): DeskPort {
    return requireApi(this.deps.api);
  }
}

function auraIdOrThrow(site: Site): number {
  if (site.auraId === null) throw new Error(`AURA's id for ${site.name} is not known yet; sync the sites first`);
  return site.auraId;
}
