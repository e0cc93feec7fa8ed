@echo off
rem Starts migrun from an unpacked distribution. Needs a Java 17 or later runtime: JAVA_HOMEs, else the java on PATH.
rem Extra JVM options: MIGRUN_JAVA_OPTS.
setlocal
set "MIGRUN_HOME=%~dp0.."
if defined JAVA_HOME (set "MIGRUN_JAVA=%JAVA_HOME%\bin\java.exe") else (set "MIGRUN_JAVA=java")
"%MIGRUN_JAVA%" -XX:TieredStopAtLevel=1 %MIGRUN_JAVA_OPTS% -cp "%MIGRUN_HOME%\lib\*" io.migrun.cli.Main %*
exit /b %ERRORLEVEL%
