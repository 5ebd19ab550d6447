@echo off
rem Double-click: the department's control panel (msoko) opens in the browser. Close this window to stop it.
chcp 65001 >nul
cd /d "%~dp0"
if not exist node_modules (
  call npm install || goto fail
)
call npm start
goto end
:fail
echo npm install failed: install Node.js 20 or newer from nodejs.org and try again.
:end
pause
