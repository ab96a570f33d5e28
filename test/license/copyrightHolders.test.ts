import { describe, expect, it } from 'vitest';
import { extractAuthors, extractCopyrights, formatYears } from '../../src/license/copyrightHolders.js';
import { fileHeader } from '../../src/license/fileHeaderLicense.js';

const holders = (t: string) => extractCopyrights(t).map((s) => [s.holder, s.years]);

describe('copyright statements', () => {
  it('normalises holders and years across the usual forms', () => {
    expect(holders('Copyright (c) 2015-2023 Jane Doe <jane@example.org>')).toEqual([['Jane Doe', '2015-2023']]);
    expect(holders('© 2001, 2002, 2005 Python Software Foundation; All Rights Reserved')).toEqual([['Python Software Foundation', '2001-2002, 2005']]);
    expect(holders('Copyright 1911 by Albert and Charles Boni, Inc.')).toEqual([['Albert and Charles Boni, Inc.', '1911']]);
    expect(holders('Copyright (c) Sindre Sorhus <sindresorhus@gmail.com> (https://sindresorhus.com)')).toEqual([['Sindre Sorhus', '']]);
    expect(holders('# Copyright 2019-21 Foo Corp. All rights reserved.')).toEqual([['Foo Corp.', '2019-2021']]);
    // a notice quoted inside a license, cut by line ends
    expect(holders('notice of copyright, i.e., "Copyright (c) 2001,\n2002, 2003 Python Software Foundation; All Rights Reserved" are retained')).toEqual([['Python Software Foundation', '2001-2003']]);
    // DEP-5 Copyright field with continuation lines
    expect(holders('Files: *\nCopyright: 2006, Jonathan E. Taylor\n           2009-2022, Statsmodels Developers.\nLicense: BSD-3')).toEqual([['Jonathan E. Taylor', '2006'], ['Statsmodels Developers', '2009-2022']]);
  });

  it('ignores prose about copyright, templates and list markers', () => {
    expect(holders('The above copyright notice and this permission notice shall be included')).toEqual([]);
    expect(holders('Copyright (c) <year> <copyright holders>')).toEqual([]);
    expect(holders('not control copyright.  Those thus making or running the covered works')).toEqual([]);
    expect(holders('(c) Prohibiting misrepresentation of the origin of that material')).toEqual([]);
    expect(holders('THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"')).toEqual([]);
  });

  it('reads AUTHORS files and compacts years', () => {
    expect(extractAuthors('# Authors\nJane Doe <jane@x.org>\n- John Roe (https://roe.dev)\n\nJane Doe\n')).toEqual(['Jane Doe', 'John Roe']);
    expect(formatYears([2005, 2001, 2002, 2003])).toBe('2001-2003, 2005');
  });
});

describe('file headers', () => {
  it('reads an SPDX-License-Identifier line and a GNU notice in a leading comment', () => {
    expect(fileHeader('// SPDX-License-Identifier: GPL-3.0-only\n// Copyright 2020 Foo Bar\nint x;\n')).toMatchObject({ license: 'GPL-3.0-only', score: 1, holders: [{ holder: 'Foo Bar', years: '2020' }] });
    const gpl = '#!/usr/bin/env python3\n# This program is free software; you can redistribute it and/or modify\n# it under the terms of the GNU General Public License as published by\n# the Free Software Foundation; either version 2 of the License, or\n# (at your option) any later version.\n\nimport os\n';
    expect(fileHeader(gpl).license).toBe('GPL-2.0-or-later');
    expect(fileHeader('"""Just a docstring about licenses of software in general."""\nimport os\n').license).toBeUndefined();
    // a license word after the first code line is not a header
    expect(fileHeader('import os\n# Licensed under the Apache License, Version 2.0\n').license).toBeUndefined();
  });
});
