/** The components every MDX page can use without importing them (passed to `<Content>`). */
import Aside from './Aside.astro';
import Copy from './Copy.astro';
import Diagram from './Diagram.astro';
import Steps from './Steps.astro';
import Tab from './Tab.astro';
import Tabs from './Tabs.astro';
import RouteTable from '../RouteTable.astro';

export const mdxComponents = { Aside, Copy, Diagram, Steps, Tab, Tabs, RouteTable };
