@echo off
rem Starts migrun from an unpacked distribution. Needs a Java 17 or later runtime: the one in
rem JAVA_HOME, else the java on PATH. Extra JVM options: MIGRUN_JAVA_OPTS. No class-data-sharing
rem archive here (bin/migrun makes one on Unix-like systems).
setlocal
set "MIGRUN_HOME=%~dp0.."
rem goto rather than blocks: a JAVA_HOME such as C:\Program Files (x86)\... would end a block
if not defined JAVA_HOME goto usepath
set "MIGRUN_JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%MIGRUN_JAVA%" goto run
echo JAVA_HOME is "%JAVA_HOME%", but it holds no bin\java.exe: point JAVA_HOME at a Java 17 or later runtime, or unset it to use the java on PATH. 1>&2
exit /b 2
:usepath
set "MIGRUN_JAVA=java"
where java >nul 2>nul
if not errorlevel 1 goto run
echo migrun needs a Java 17 or later runtime: set JAVA_HOME, or put java on PATH. 1>&2
exit /b 2
:run
"%MIGRUN_JAVA%" -XX:TieredStopAtLevel=1 %MIGRUN_JAVA_OPTS% -cp "%MIGRUN_HOME%\lib\*" io.migrun.cli.Main %*
exit /b %ERRORLEVEL%
