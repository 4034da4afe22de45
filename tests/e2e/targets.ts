/**
 * The deploy target a test runs against. The gate's suite, the card and search run once per
 * target (a Playwright project each, tests/playwright.config.ts), and a test reads its target and
 * that target's stand-in Access team from here.
 */
import { test } from '@playwright/test';
import { targetSite, type DeployTarget, type TargetSite } from '../support/e2e-env.ts';

export interface TargetOptions {
  target: DeployTarget;
}

export function currentTarget(): DeployTarget {
  return (test.info().project.use as Partial<TargetOptions>).target ?? 'workers';
}

export function currentSite(): TargetSite {
  return targetSite(currentTarget());
}
