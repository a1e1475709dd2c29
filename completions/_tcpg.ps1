
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tcpg' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tcpg'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tcpg' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Language of API error messages')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole call, retries included, in seconds [default: 30]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('rebalance', 'rebalance', [CompletionResultType]::ParameterValue, 'Rebalance the load of the read-only replicas in an RO group')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Locate, create or show the configuration')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell (see the README to install it)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), e.g. `tcpg man > ~/.local/share/man/man1/tcpg.1`')
            [CompletionResult]::new('environment', 'environment', [CompletionResultType]::ParameterValue, 'List every environment variable tcpg reads (also: tcpg help environment)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcpg;rebalance' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'RO group ID (pgrogrp-xxxxxxxx) or an alias from the profile''s [groups] table; repeat for several, or `-` to read them from stdin, one per line [default: the profile''s `group`]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'RO group ID (pgrogrp-xxxxxxxx) or an alias from the profile''s [groups] table; repeat for several, or `-` to read them from stdin, one per line [default: the profile''s `group`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Language of API error messages')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole call, retries included, in seconds [default: 30]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin or stderr is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin or stderr is not a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build and sign the request and print it instead of sending it')
            [CompletionResult]::new('--fail-fast', '--fail-fast', [CompletionResultType]::ParameterName, 'Stop at the first group that fails (the rest are not attempted)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcpg;config' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Language of API error messages')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole call, retries included, in seconds [default: 30]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create or update a profile in the config file (mode 0600; the rest of the file is kept)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every resolved setting and where it came from, secrets masked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcpg;config;path' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Language of API error messages')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole call, retries included, in seconds [default: 30]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcpg;config;init' {
            [CompletionResult]::new('--secret-id', '--secret-id', [CompletionResultType]::ParameterName, 'SecretId of the API key [env: TENCENTCLOUD_SECRET_ID]')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Default RO group of the profile (pgrogrp-xxxxxxxx)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Default RO group of the profile (pgrogrp-xxxxxxxx)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Language of API error messages')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole call, retries included, in seconds [default: 30]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the profile''s keys, region and group if it exists')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcpg;config;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Language of API error messages')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole call, retries included, in seconds [default: 30]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcpg;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create or update a profile in the config file (mode 0600; the rest of the file is kept)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every resolved setting and where it came from, secrets masked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcpg;config;help;path' {
            break
        }
        'tcpg;config;help;init' {
            break
        }
        'tcpg;config;help;show' {
            break
        }
        'tcpg;config;help;help' {
            break
        }
        'tcpg;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Language of API error messages')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole call, retries included, in seconds [default: 30]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcpg;man' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Language of API error messages')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole call, retries included, in seconds [default: 30]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcpg;environment' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Language of API error messages')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Time limit for the whole call, retries included, in seconds [default: 30]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [env: TCPG_OUTPUT] [default: text]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print a request and response summary on stderr (secrets redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success (the exit code says it); failures are still reported')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tcpg;help' {
            [CompletionResult]::new('rebalance', 'rebalance', [CompletionResultType]::ParameterValue, 'Rebalance the load of the read-only replicas in an RO group')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Locate, create or show the configuration')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell (see the README to install it)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), e.g. `tcpg man > ~/.local/share/man/man1/tcpg.1`')
            [CompletionResult]::new('environment', 'environment', [CompletionResultType]::ParameterValue, 'List every environment variable tcpg reads (also: tcpg help environment)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tcpg;help;rebalance' {
            break
        }
        'tcpg;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create or update a profile in the config file (mode 0600; the rest of the file is kept)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every resolved setting and where it came from, secrets masked')
            break
        }
        'tcpg;help;config;path' {
            break
        }
        'tcpg;help;config;init' {
            break
        }
        'tcpg;help;config;show' {
            break
        }
        'tcpg;help;completions' {
            break
        }
        'tcpg;help;man' {
            break
        }
        'tcpg;help;environment' {
            break
        }
        'tcpg;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
