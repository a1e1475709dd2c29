
use builtin;
use str;

set edit:completion:arg-completer[tcpg] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tcpg'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tcpg'= {
            cand --profile 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]'
            cand --config 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]'
            cand --region 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]'
            cand --endpoint 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]'
            cand --language 'Language of API error messages'
            cand --timeout 'Time limit for the whole call, retries included, in seconds [default: 30]'
            cand --retries 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]'
            cand --ca-bundle 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]'
            cand -o 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --output 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --json 'Shorthand for --output json'
            cand -v 'Print a request and response summary on stderr (secrets redacted)'
            cand --verbose 'Print a request and response summary on stderr (secrets redacted)'
            cand -q 'Print nothing on success (the exit code says it); failures are still reported'
            cand --quiet 'Print nothing on success (the exit code says it); failures are still reported'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand rebalance 'Rebalance the load of the read-only replicas in an RO group'
            cand config 'Locate, create or show the configuration'
            cand completions 'Print the completion script for a shell (see the README to install it)'
            cand man 'Print the man page (roff), e.g. `tcpg man > ~/.local/share/man/man1/tcpg.1`'
            cand environment 'List every environment variable tcpg reads (also: tcpg help environment)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcpg;rebalance'= {
            cand -g 'RO group ID (pgrogrp-xxxxxxxx) or an alias from the profile''s [groups] table; repeat for several, or `-` to read them from stdin, one per line [default: the profile''s `group`]'
            cand --group 'RO group ID (pgrogrp-xxxxxxxx) or an alias from the profile''s [groups] table; repeat for several, or `-` to read them from stdin, one per line [default: the profile''s `group`]'
            cand --profile 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]'
            cand --config 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]'
            cand --region 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]'
            cand --endpoint 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]'
            cand --language 'Language of API error messages'
            cand --timeout 'Time limit for the whole call, retries included, in seconds [default: 30]'
            cand --retries 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]'
            cand --ca-bundle 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]'
            cand -o 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --output 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand -y 'Do not ask for confirmation (required when stdin or stderr is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin or stderr is not a terminal)'
            cand --dry-run 'Build and sign the request and print it instead of sending it'
            cand --fail-fast 'Stop at the first group that fails (the rest are not attempted)'
            cand --json 'Shorthand for --output json'
            cand -v 'Print a request and response summary on stderr (secrets redacted)'
            cand --verbose 'Print a request and response summary on stderr (secrets redacted)'
            cand -q 'Print nothing on success (the exit code says it); failures are still reported'
            cand --quiet 'Print nothing on success (the exit code says it); failures are still reported'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcpg;config'= {
            cand --profile 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]'
            cand --config 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]'
            cand --region 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]'
            cand --endpoint 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]'
            cand --language 'Language of API error messages'
            cand --timeout 'Time limit for the whole call, retries included, in seconds [default: 30]'
            cand --retries 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]'
            cand --ca-bundle 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]'
            cand -o 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --output 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --json 'Shorthand for --output json'
            cand -v 'Print a request and response summary on stderr (secrets redacted)'
            cand --verbose 'Print a request and response summary on stderr (secrets redacted)'
            cand -q 'Print nothing on success (the exit code says it); failures are still reported'
            cand --quiet 'Print nothing on success (the exit code says it); failures are still reported'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)'
            cand init 'Create or update a profile in the config file (mode 0600; the rest of the file is kept)'
            cand show 'Print every resolved setting and where it came from, secrets masked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcpg;config;path'= {
            cand --profile 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]'
            cand --config 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]'
            cand --region 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]'
            cand --endpoint 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]'
            cand --language 'Language of API error messages'
            cand --timeout 'Time limit for the whole call, retries included, in seconds [default: 30]'
            cand --retries 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]'
            cand --ca-bundle 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]'
            cand -o 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --output 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --json 'Shorthand for --output json'
            cand -v 'Print a request and response summary on stderr (secrets redacted)'
            cand --verbose 'Print a request and response summary on stderr (secrets redacted)'
            cand -q 'Print nothing on success (the exit code says it); failures are still reported'
            cand --quiet 'Print nothing on success (the exit code says it); failures are still reported'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcpg;config;init'= {
            cand --secret-id 'SecretId of the API key [env: TENCENTCLOUD_SECRET_ID]'
            cand -g 'Default RO group of the profile (pgrogrp-xxxxxxxx)'
            cand --group 'Default RO group of the profile (pgrogrp-xxxxxxxx)'
            cand --profile 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]'
            cand --config 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]'
            cand --region 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]'
            cand --endpoint 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]'
            cand --language 'Language of API error messages'
            cand --timeout 'Time limit for the whole call, retries included, in seconds [default: 30]'
            cand --retries 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]'
            cand --ca-bundle 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]'
            cand -o 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --output 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --force 'Replace the profile''s keys, region and group if it exists'
            cand --json 'Shorthand for --output json'
            cand -v 'Print a request and response summary on stderr (secrets redacted)'
            cand --verbose 'Print a request and response summary on stderr (secrets redacted)'
            cand -q 'Print nothing on success (the exit code says it); failures are still reported'
            cand --quiet 'Print nothing on success (the exit code says it); failures are still reported'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcpg;config;show'= {
            cand --profile 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]'
            cand --config 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]'
            cand --region 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]'
            cand --endpoint 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]'
            cand --language 'Language of API error messages'
            cand --timeout 'Time limit for the whole call, retries included, in seconds [default: 30]'
            cand --retries 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]'
            cand --ca-bundle 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]'
            cand -o 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --output 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --json 'Shorthand for --output json'
            cand -v 'Print a request and response summary on stderr (secrets redacted)'
            cand --verbose 'Print a request and response summary on stderr (secrets redacted)'
            cand -q 'Print nothing on success (the exit code says it); failures are still reported'
            cand --quiet 'Print nothing on success (the exit code says it); failures are still reported'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcpg;config;help'= {
            cand path 'Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)'
            cand init 'Create or update a profile in the config file (mode 0600; the rest of the file is kept)'
            cand show 'Print every resolved setting and where it came from, secrets masked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcpg;config;help;path'= {
        }
        &'tcpg;config;help;init'= {
        }
        &'tcpg;config;help;show'= {
        }
        &'tcpg;config;help;help'= {
        }
        &'tcpg;completions'= {
            cand --profile 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]'
            cand --config 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]'
            cand --region 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]'
            cand --endpoint 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]'
            cand --language 'Language of API error messages'
            cand --timeout 'Time limit for the whole call, retries included, in seconds [default: 30]'
            cand --retries 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]'
            cand --ca-bundle 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]'
            cand -o 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --output 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --json 'Shorthand for --output json'
            cand -v 'Print a request and response summary on stderr (secrets redacted)'
            cand --verbose 'Print a request and response summary on stderr (secrets redacted)'
            cand -q 'Print nothing on success (the exit code says it); failures are still reported'
            cand --quiet 'Print nothing on success (the exit code says it); failures are still reported'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcpg;man'= {
            cand --profile 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]'
            cand --config 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]'
            cand --region 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]'
            cand --endpoint 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]'
            cand --language 'Language of API error messages'
            cand --timeout 'Time limit for the whole call, retries included, in seconds [default: 30]'
            cand --retries 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]'
            cand --ca-bundle 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]'
            cand -o 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --output 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --json 'Shorthand for --output json'
            cand -v 'Print a request and response summary on stderr (secrets redacted)'
            cand --verbose 'Print a request and response summary on stderr (secrets redacted)'
            cand -q 'Print nothing on success (the exit code says it); failures are still reported'
            cand --quiet 'Print nothing on success (the exit code says it); failures are still reported'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcpg;environment'= {
            cand --profile 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]'
            cand --config 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]'
            cand --region 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]'
            cand --endpoint 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]'
            cand --language 'Language of API error messages'
            cand --timeout 'Time limit for the whole call, retries included, in seconds [default: 30]'
            cand --retries 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]'
            cand --ca-bundle 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]'
            cand -o 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --output 'Output format [env: TCPG_OUTPUT] [default: text]'
            cand --json 'Shorthand for --output json'
            cand -v 'Print a request and response summary on stderr (secrets redacted)'
            cand --verbose 'Print a request and response summary on stderr (secrets redacted)'
            cand -q 'Print nothing on success (the exit code says it); failures are still reported'
            cand --quiet 'Print nothing on success (the exit code says it); failures are still reported'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tcpg;help'= {
            cand rebalance 'Rebalance the load of the read-only replicas in an RO group'
            cand config 'Locate, create or show the configuration'
            cand completions 'Print the completion script for a shell (see the README to install it)'
            cand man 'Print the man page (roff), e.g. `tcpg man > ~/.local/share/man/man1/tcpg.1`'
            cand environment 'List every environment variable tcpg reads (also: tcpg help environment)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tcpg;help;rebalance'= {
        }
        &'tcpg;help;config'= {
            cand path 'Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)'
            cand init 'Create or update a profile in the config file (mode 0600; the rest of the file is kept)'
            cand show 'Print every resolved setting and where it came from, secrets masked'
        }
        &'tcpg;help;config;path'= {
        }
        &'tcpg;help;config;init'= {
        }
        &'tcpg;help;config;show'= {
        }
        &'tcpg;help;completions'= {
        }
        &'tcpg;help;man'= {
        }
        &'tcpg;help;environment'= {
        }
        &'tcpg;help;help'= {
        }
    ]
    $completions[$command]
}
