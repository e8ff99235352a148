@echo off
rem Demo credential process for Windows: the twin of credential-process-demo.sh. Prints AWS
rem credential_process JSON whose session token expires DEMO_LIFETIME_SECONDS (default 120) from now.
if "%DEMO_ACCESS_KEY_ID%"=="" set "DEMO_ACCESS_KEY_ID=AKIADEMOEXAMPLE00001"
if "%DEMO_SECRET_ACCESS_KEY%"=="" set "DEMO_SECRET_ACCESS_KEY=demo-secret-access-key-for-the-embedded-s3"
if "%DEMO_LIFETIME_SECONDS%"=="" set "DEMO_LIFETIME_SECONDS=120"
powershell -NoProfile -NonInteractive -Command "$now = [DateTimeOffset]::UtcNow; $exp = $now.AddSeconds([int]$env:DEMO_LIFETIME_SECONDS).ToString('yyyy-MM-ddTHH:mm:ssZ'); [Console]::Out.Write(('{{\"Version\":1,\"AccessKeyId\":\"{0}\",\"SecretAccessKey\":\"{1}\",\"SessionToken\":\"demo-token-{2}-{3}\",\"Expiration\":\"{4}\"}}' -f $env:DEMO_ACCESS_KEY_ID, $env:DEMO_SECRET_ACCESS_KEY, $now.ToUnixTimeSeconds(), $PID, $exp))"
