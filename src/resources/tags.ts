import { API_VERSIONS } from './api-versions';
import { describeType } from './descriptor';

/**
 * The tags of a resource (`{scope}/providers/Microsoft.Resources/tags/default`): never read on
 * their own (they come with the resource), written by merging one tag (Tags_UpdateAtScope), which
 * needs only `tags/write`. Their events re-evaluate the tagged resource.
 */
export const tags = describeType({
  armType: 'Microsoft.Resources/tags',
  apiVersion: API_VERSIONS.resources,
  eventPrefix: 'Microsoft.Resources/tags',
  rbac: { read: [], write: [{ action: 'Microsoft.Resources/tags/write', for: 'add required tags (`requiredTags`) through the Tags API' }] },
});
