/**
 * The components every MDX page can use without importing them (passed to `<Content>`).
 *
 * A demo's MDX is rendered twice: on the gated demo page (`/<slug>/`) and as its public guide
 * (`/guides/<slug>/`). Words that are true on one only go in `<OnDemoPage>` or `<OnGuidePage>`;
 * each route passes the pair that shows its own. On public pages, links to demo pages are also
 * pointed at their public guides (PublicLink).
 */
import Aside from './Aside.astro';
import Copy from './Copy.astro';
import Diagram from './Diagram.astro';
import Steps from './Steps.astro';
import RouteShown from './RouteShown.astro';
import RouteHidden from './RouteHidden.astro';
import PublicLink from './PublicLink.astro';
import RouteTable from '../RouteTable.astro';

// <Tabs> and <Tab> are no components: they are turned into HTML when the MDX is compiled
// (src/markdown/rehype-tabs.ts).
const shared = { Aside, Copy, Diagram, Steps, RouteTable };

/** Where the MDX is being rendered: the gated demo page, or a public page (a guide). */
export type MdxRoute = 'demo' | 'public';

export function mdxComponentsFor(route: MdxRoute) {
  return route === 'demo'
    ? { ...shared, OnDemoPage: RouteShown, OnGuidePage: RouteHidden }
    : { ...shared, OnDemoPage: RouteHidden, OnGuidePage: RouteShown, a: PublicLink };
}
