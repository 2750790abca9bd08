import { flagError } from '../../../common/node/index.ts';

// [registry[:port]/]path[:tag][@sha256:digest], as `docker pull` accepts it (lowercase path).
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REGISTRY = '[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\\d+)?';
const IMAGE_REF = new RegExp(
  `^(?:${REGISTRY}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

/**
 * A container image reference (`--mock-image`); anything else is a UserError naming the flag.
 *
 * @example readImageRef('--mock-image', 'registry.example.com/wa-mock-graph-api:0.1.0') // the same string
 */
export function readImageRef(flag: string, text: string): string {
  if (!IMAGE_REF.test(text))
    throw flagError(
      flag,
      text,
      'not a container image reference',
      `Pass the image you pushed, e.g. ${flag} registry.example.com/wa-mock-graph-api:0.1.0`,
    );
  return text;
}
