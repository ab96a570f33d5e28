/** Small hand-written texts for rule tests (written for these tests; no licence restrictions). */

export const PROSE = `The water cycle describes how water moves between the oceans, the air and the land. When the sun heats the surface of the sea, some of the water evaporates and rises as vapour. As the vapour climbs, it cools and condenses into tiny droplets that form clouds.

When the droplets grow heavy enough, they fall back to the ground as rain or snow. Some of that water flows over the surface into rivers, and some of it soaks into the soil to become groundwater. Plants also return water to the air through their leaves, a process that is called transpiration.

Because the cycle has no beginning and no end, scientists usually describe it as a set of stores and flows. For example, a lake is a store, and the river that feeds it is a flow. Understanding these flows helps farmers plan irrigation and helps cities prepare for floods.`;

/** n words of ordinary English (repeats a sentence pool without repeating lines). */
export function words(n: number): string {
  const pool = 'the river carries water from the hills to the sea and that water feeds the fields with life'.split(' ');
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pool[i % pool.length]);
  return out.join(' ');
}

export const PYTHON = `"""Small helpers for reading configuration files."""
import json
from pathlib import Path


def load_config(path: str) -> dict:
    """Read a JSON config file and return it as a dict."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def config_names(folder: str) -> list:
    # Sorted so the order does not depend on the file system.
    return sorted(p.name for p in Path(folder).glob("*.json"))


if __name__ == "__main__":
    print(config_names("."))
`;
