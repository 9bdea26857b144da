/** Regenerates the README's rule table from the catalog (npm run docs:rules). */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ruleCatalogMarkdown, withRuleTable } from '../src/cli/rule-catalog-markdown';
import { CATALOG } from '../src/rules/catalog';

const readmePath = path.join(__dirname, '..', 'README.md');
writeFileSync(readmePath, withRuleTable(readFileSync(readmePath, 'utf8'), ruleCatalogMarkdown(CATALOG)));
