// Removes the build output, so a renamed or deleted source file leaves nothing stale in dist/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

fs.rmSync(path.resolve(__dirname, '..', 'dist'), { recursive: true, force: true });
