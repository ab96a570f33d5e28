/**
 * Standard license notices ("headers") that projects put in a LICENSE file instead of the full
 * text, or at the top of it. Taken from the "How to apply" appendices of the licenses
 * themselves. A GNU notice also says "only" vs "or later", which the full text cannot.
 */
export interface LicenseNotice {
  id: string;
  text: string;
}

const GNU_WARRANTY =
  'This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.';

export const LICENSE_NOTICES: readonly LicenseNotice[] = [
  {
    id: 'Apache-2.0',
    text: `Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0 Unless required by applicable law or agreed to in writing, software distributed under the License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for the specific language governing permissions and limitations under the License.`,
  },
  {
    id: 'MPL-2.0',
    text: 'This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL was not distributed with this file, You can obtain one at http://mozilla.org/MPL/2.0/.',
  },
  {
    id: 'CC0-1.0',
    text: 'To the extent possible under law, the author(s) have dedicated all copyright and related and neighboring rights to this software to the public domain worldwide. This software is distributed without any warranty.',
  },
  {
    id: 'GPL-2.0-or-later',
    text: `This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version. ${GNU_WARRANTY} See the GNU General Public License for more details. You should have received a copy of the GNU General Public License along with this program; if not, write to the Free Software Foundation, Inc., 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA.`,
  },
  {
    id: 'GPL-2.0-only',
    text: `This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License version 2 as published by the Free Software Foundation. ${GNU_WARRANTY} See the GNU General Public License for more details. You should have received a copy of the GNU General Public License along with this program; if not, write to the Free Software Foundation, Inc., 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA.`,
  },
  {
    id: 'GPL-3.0-or-later',
    text: `This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version. ${GNU_WARRANTY} See the GNU General Public License for more details. You should have received a copy of the GNU General Public License along with this program. If not, see <https://www.gnu.org/licenses/>.`,
  },
  {
    id: 'GPL-3.0-only',
    text: `This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License version 3 as published by the Free Software Foundation. ${GNU_WARRANTY} See the GNU General Public License for more details. You should have received a copy of the GNU General Public License along with this program. If not, see <https://www.gnu.org/licenses/>.`,
  },
  {
    id: 'LGPL-2.1-or-later',
    text: 'This library is free software; you can redistribute it and/or modify it under the terms of the GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any later version. This library is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU Lesser General Public License for more details. You should have received a copy of the GNU Lesser General Public License along with this library; if not, write to the Free Software Foundation, Inc., 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA',
  },
  {
    id: 'LGPL-3.0-or-later',
    text: 'This program is free software: you can redistribute it and/or modify it under the terms of the GNU Lesser General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version. This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU Lesser General Public License for more details. You should have received a copy of the GNU Lesser General Public License along with this program. If not, see <https://www.gnu.org/licenses/>.',
  },
  {
    id: 'AGPL-3.0-or-later',
    text: `This program is free software: you can redistribute it and/or modify it under the terms of the GNU Affero General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version. ${GNU_WARRANTY} See the GNU Affero General Public License for more details. You should have received a copy of the GNU Affero General Public License along with this program. If not, see <https://www.gnu.org/licenses/>.`,
  },
];

/**
 * Real-world forms of reference texts that differ from the SPDX template in ways the
 * normaliser cannot know: the ISC text names "ISC" where every real ISC file says "the author",
 * and most Apache-2.0 LICENSE files stop at "END OF TERMS AND CONDITIONS".
 */
export function referenceVariants(id: string, text: string): string[] {
  if (id === 'ISC') {
    const author = text.replace(/\bISC DISCLAIMS\b/g, 'THE AUTHOR DISCLAIMS').replace(/\bSHALL ISC BE\b/g, 'SHALL THE AUTHOR BE');
    // SPDX's ISC template has "and<optional>/or</optional> distribute": the older wording is the same license.
    return [author, author.replace('and/or distribute', 'and distribute')];
  }
  // SPDX's LGPL-3.0 text appends the whole GPL-3.0; LGPL-3 files carry only the LGPL part.
  if (id.startsWith('LGPL-3.0')) {
    const gpl = text.indexOf('GNU GENERAL PUBLIC LICENSE');
    if (gpl > 0) return [text.slice(0, gpl)];
  }
  if (id === 'Apache-2.0') {
    const end = text.indexOf('END OF TERMS AND CONDITIONS');
    if (end > 0) return [text.slice(0, end + 'END OF TERMS AND CONDITIONS'.length)];
  }
  return [];
}
