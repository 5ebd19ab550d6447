#!/bin/sh
# Double-click (or run): the department's control panel (msoko) opens in the browser. Ctrl+C or closing stops it.
cd "$(dirname "$0")" || exit 1
if [ ! -d node_modules ]; then
  npm install || { echo "npm install не выполнен: установите Node.js 20 или новее и повторите."; exit 1; }
fi
exec npm start
