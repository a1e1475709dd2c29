# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tcpg_global_optspecs
    string join \n profile= config= region= endpoint= language= timeout= retries= ca-bundle= o/output= json v/verbose q/quiet h/help V/version
end

function __fish_tcpg_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tcpg_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tcpg_using_subcommand
    set -l cmd (__fish_tcpg_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tcpg -n "__fish_tcpg_needs_command" -l profile -d 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]' -r
complete -c tcpg -n "__fish_tcpg_needs_command" -l config -d 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]' -r -F
complete -c tcpg -n "__fish_tcpg_needs_command" -l region -d 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]' -r
complete -c tcpg -n "__fish_tcpg_needs_command" -l endpoint -d 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]' -r
complete -c tcpg -n "__fish_tcpg_needs_command" -l language -d 'Language of API error messages' -r -f -a "en-US\t''
zh-CN\t''"
complete -c tcpg -n "__fish_tcpg_needs_command" -l timeout -d 'Time limit for the whole call, retries included, in seconds [default: 30]' -r
complete -c tcpg -n "__fish_tcpg_needs_command" -l retries -d 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]' -r
complete -c tcpg -n "__fish_tcpg_needs_command" -l ca-bundle -d 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]' -r -F
complete -c tcpg -n "__fish_tcpg_needs_command" -s o -l output -d 'Output format [env: TCPG_OUTPUT] [default: text]' -r -f -a "text\t''
json\t''"
complete -c tcpg -n "__fish_tcpg_needs_command" -l json -d 'Shorthand for --output json'
complete -c tcpg -n "__fish_tcpg_needs_command" -s v -l verbose -d 'Print a request and response summary on stderr (secrets redacted)'
complete -c tcpg -n "__fish_tcpg_needs_command" -s q -l quiet -d 'Print nothing on success (the exit code says it); failures are still reported'
complete -c tcpg -n "__fish_tcpg_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcpg -n "__fish_tcpg_needs_command" -s V -l version -d 'Print version'
complete -c tcpg -n "__fish_tcpg_needs_command" -f -a "rebalance" -d 'Rebalance the load of the read-only replicas in an RO group'
complete -c tcpg -n "__fish_tcpg_needs_command" -f -a "config" -d 'Locate, create or show the configuration'
complete -c tcpg -n "__fish_tcpg_needs_command" -f -a "completions" -d 'Print the completion script for a shell (see the README to install it)'
complete -c tcpg -n "__fish_tcpg_needs_command" -f -a "man" -d 'Print the man page (roff), e.g. `tcpg man > ~/.local/share/man/man1/tcpg.1`'
complete -c tcpg -n "__fish_tcpg_needs_command" -f -a "environment" -d 'List every environment variable tcpg reads (also: tcpg help environment)'
complete -c tcpg -n "__fish_tcpg_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -s g -l group -d 'RO group ID (pgrogrp-xxxxxxxx) or an alias from the profile\'s [groups] table; repeat for several, or `-` to read them from stdin, one per line [default: the profile\'s `group`]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l profile -d 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l config -d 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l region -d 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l endpoint -d 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l language -d 'Language of API error messages' -r -f -a "en-US\t''
zh-CN\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l timeout -d 'Time limit for the whole call, retries included, in seconds [default: 30]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l retries -d 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l ca-bundle -d 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -s o -l output -d 'Output format [env: TCPG_OUTPUT] [default: text]' -r -f -a "text\t''
json\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -s y -l yes -d 'Do not ask for confirmation (required when stdin or stderr is not a terminal)'
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l dry-run -d 'Build and sign the request and print it instead of sending it'
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l fail-fast -d 'Stop at the first group that fails (the rest are not attempted)'
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -l json -d 'Shorthand for --output json'
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -s v -l verbose -d 'Print a request and response summary on stderr (secrets redacted)'
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -s q -l quiet -d 'Print nothing on success (the exit code says it); failures are still reported'
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcpg -n "__fish_tcpg_using_subcommand rebalance" -s V -l version -d 'Print version'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l profile -d 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l config -d 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l region -d 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l endpoint -d 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l language -d 'Language of API error messages' -r -f -a "en-US\t''
zh-CN\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l timeout -d 'Time limit for the whole call, retries included, in seconds [default: 30]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l retries -d 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l ca-bundle -d 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -s o -l output -d 'Output format [env: TCPG_OUTPUT] [default: text]' -r -f -a "text\t''
json\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -l json -d 'Shorthand for --output json'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -s v -l verbose -d 'Print a request and response summary on stderr (secrets redacted)'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -s q -l quiet -d 'Print nothing on success (the exit code says it); failures are still reported'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -s h -l help -d 'Print help'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -s V -l version -d 'Print version'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -f -a "path" -d 'Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -f -a "init" -d 'Create or update a profile in the config file (mode 0600; the rest of the file is kept)'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -f -a "show" -d 'Print every resolved setting and where it came from, secrets masked'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and not __fish_seen_subcommand_from path init show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -l region -d 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -l endpoint -d 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -l language -d 'Language of API error messages' -r -f -a "en-US\t''
zh-CN\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Time limit for the whole call, retries included, in seconds [default: 30]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -l retries -d 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -l ca-bundle -d 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format [env: TCPG_OUTPUT] [default: text]' -r -f -a "text\t''
json\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Shorthand for --output json'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Print a request and response summary on stderr (secrets redacted)'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print nothing on success (the exit code says it); failures are still reported'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l secret-id -d 'SecretId of the API key [env: TENCENTCLOUD_SECRET_ID]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -s g -l group -d 'Default RO group of the profile (pgrogrp-xxxxxxxx)' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l region -d 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l endpoint -d 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l language -d 'Language of API error messages' -r -f -a "en-US\t''
zh-CN\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l timeout -d 'Time limit for the whole call, retries included, in seconds [default: 30]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l retries -d 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l ca-bundle -d 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format [env: TCPG_OUTPUT] [default: text]' -r -f -a "text\t''
json\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Replace the profile\'s keys, region and group if it exists'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -l json -d 'Shorthand for --output json'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print a request and response summary on stderr (secrets redacted)'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print nothing on success (the exit code says it); failures are still reported'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -l region -d 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -l endpoint -d 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -l language -d 'Language of API error messages' -r -f -a "en-US\t''
zh-CN\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Time limit for the whole call, retries included, in seconds [default: 30]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-bundle -d 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [env: TCPG_OUTPUT] [default: text]' -r -f -a "text\t''
json\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Shorthand for --output json'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print a request and response summary on stderr (secrets redacted)'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on success (the exit code says it); failures are still reported'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create or update a profile in the config file (mode 0600; the rest of the file is kept)'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every resolved setting and where it came from, secrets masked'
complete -c tcpg -n "__fish_tcpg_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -l profile -d 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -l config -d 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -l region -d 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -l endpoint -d 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -l language -d 'Language of API error messages' -r -f -a "en-US\t''
zh-CN\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -l timeout -d 'Time limit for the whole call, retries included, in seconds [default: 30]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -l retries -d 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -l ca-bundle -d 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -s o -l output -d 'Output format [env: TCPG_OUTPUT] [default: text]' -r -f -a "text\t''
json\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -l json -d 'Shorthand for --output json'
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -s v -l verbose -d 'Print a request and response summary on stderr (secrets redacted)'
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -s q -l quiet -d 'Print nothing on success (the exit code says it); failures are still reported'
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -s h -l help -d 'Print help'
complete -c tcpg -n "__fish_tcpg_using_subcommand completions" -s V -l version -d 'Print version'
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -l profile -d 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -l config -d 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -l region -d 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -l endpoint -d 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -l language -d 'Language of API error messages' -r -f -a "en-US\t''
zh-CN\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -l timeout -d 'Time limit for the whole call, retries included, in seconds [default: 30]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -l retries -d 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -l ca-bundle -d 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -s o -l output -d 'Output format [env: TCPG_OUTPUT] [default: text]' -r -f -a "text\t''
json\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -l json -d 'Shorthand for --output json'
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -s v -l verbose -d 'Print a request and response summary on stderr (secrets redacted)'
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -s q -l quiet -d 'Print nothing on success (the exit code says it); failures are still reported'
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -s h -l help -d 'Print help'
complete -c tcpg -n "__fish_tcpg_using_subcommand man" -s V -l version -d 'Print version'
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -l profile -d 'Profile in the config file [env: TCPG_PROFILE] [default: default_profile, else "default"]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -l config -d 'Config file [env: TCPG_CONFIG] [default: <config dir>/tcpg/config.toml]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -l region -d 'Region of the RO group, e.g. ap-guangzhou [env: TENCENTCLOUD_REGION]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -l endpoint -d 'API host or URL; http:// only for loopback [env: TCPG_ENDPOINT] [default: postgres.tencentcloudapi.com]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -l language -d 'Language of API error messages' -r -f -a "en-US\t''
zh-CN\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -l timeout -d 'Time limit for the whole call, retries included, in seconds [default: 30]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -l retries -d 'Retries when the service certainly did not act (throttling, failure to connect); 0 disables [default: 3]' -r
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -l ca-bundle -d 'Extra trusted root certificates (PEM), e.g. for a corporate proxy [env: SSL_CERT_FILE]' -r -F
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -s o -l output -d 'Output format [env: TCPG_OUTPUT] [default: text]' -r -f -a "text\t''
json\t''"
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -l json -d 'Shorthand for --output json'
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -s v -l verbose -d 'Print a request and response summary on stderr (secrets redacted)'
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -s q -l quiet -d 'Print nothing on success (the exit code says it); failures are still reported'
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tcpg -n "__fish_tcpg_using_subcommand environment" -s V -l version -d 'Print version'
complete -c tcpg -n "__fish_tcpg_using_subcommand help; and not __fish_seen_subcommand_from rebalance config completions man environment help" -f -a "rebalance" -d 'Rebalance the load of the read-only replicas in an RO group'
complete -c tcpg -n "__fish_tcpg_using_subcommand help; and not __fish_seen_subcommand_from rebalance config completions man environment help" -f -a "config" -d 'Locate, create or show the configuration'
complete -c tcpg -n "__fish_tcpg_using_subcommand help; and not __fish_seen_subcommand_from rebalance config completions man environment help" -f -a "completions" -d 'Print the completion script for a shell (see the README to install it)'
complete -c tcpg -n "__fish_tcpg_using_subcommand help; and not __fish_seen_subcommand_from rebalance config completions man environment help" -f -a "man" -d 'Print the man page (roff), e.g. `tcpg man > ~/.local/share/man/man1/tcpg.1`'
complete -c tcpg -n "__fish_tcpg_using_subcommand help; and not __fish_seen_subcommand_from rebalance config completions man environment help" -f -a "environment" -d 'List every environment variable tcpg reads (also: tcpg help environment)'
complete -c tcpg -n "__fish_tcpg_using_subcommand help; and not __fish_seen_subcommand_from rebalance config completions man environment help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tcpg -n "__fish_tcpg_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print where the config file is, or would be, and why (--config, $TCPG_CONFIG, default)'
complete -c tcpg -n "__fish_tcpg_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Create or update a profile in the config file (mode 0600; the rest of the file is kept)'
complete -c tcpg -n "__fish_tcpg_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print every resolved setting and where it came from, secrets masked'
