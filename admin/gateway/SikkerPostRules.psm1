<#
  Shared by Install-SikkerPostRules.ps1 and Test-SikkerPostGateway.ps1: reads rules.json and
  turns its rules into New-TransportRule / Set-TransportRule parameters. rules.json is the one
  definition of the rules; nothing here names a rule, a header or a pattern.
#>
Set-StrictMode -Version 3.0

function Read-SikkerPostRules {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $RulesPath)
    $text = [System.IO.File]::ReadAllText($RulesPath, [System.Text.Encoding]::UTF8)
    $file = $text | ConvertFrom-Json
    if ($file.version -ne 1) { throw "$RulesPath has version $($file.version); this script knows version 1." }
    return $file
}

function Get-SikkerPostMarkerConfig {
    <#
      The marker names the add-in uses: rules.json's defaults, then the policy's
      send.markers.headers (when -PolicyPath is given), then explicit parameters.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $RulesFile,
        [string] $PolicyPath,
        [string] $HeaderName,
        [string] $SignHeaderName,
        [string] $EncryptValue,
        [ValidateSet('Headers', 'Subject', '')] [string] $MarkerMethod
    )
    $config = [ordered]@{
        Method        = 'headers'
        EncryptHeader = $RulesFile.markers.encrypt.headerName
        SignHeader    = $RulesFile.markers.sign.headerName
        Yes           = $RulesFile.markers.encrypt.yes
    }
    if ($PolicyPath) {
        $policy = [System.IO.File]::ReadAllText($PolicyPath, [System.Text.Encoding]::UTF8) | ConvertFrom-Json
        $send = $policy.PSObject.Properties['send']
        $markers = if ($send) { $send.Value.PSObject.Properties['markers'] }
        if ($markers) {
            $m = $markers.Value
            if ($m.PSObject.Properties['method'] -and $m.method) { $config.Method = [string]$m.method }
            $h = $m.PSObject.Properties['headers']
            if ($h) {
                if ($h.Value.PSObject.Properties['encrypt']) { $config.EncryptHeader = [string]$h.Value.encrypt }
                if ($h.Value.PSObject.Properties['sign']) { $config.SignHeader = [string]$h.Value.sign }
                if ($h.Value.PSObject.Properties['yes']) { $config.Yes = [string]$h.Value.yes }
            }
        }
    }
    if ($MarkerMethod) { $config.Method = $MarkerMethod.ToLowerInvariant() }
    if ($HeaderName) { $config.EncryptHeader = $HeaderName }
    if ($SignHeaderName) { $config.SignHeader = $SignHeaderName }
    if ($EncryptValue) { $config.Yes = $EncryptValue }
    return [pscustomobject]$config
}

function Select-SikkerPostRules {
    <# The rules for this marker method and path, lowest priority first, with the configured marker names filled in. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $RulesFile,
        [Parameter(Mandatory)] $MarkerConfig,
        [Parameter(Mandatory)] [ValidateSet('Ome', 'Smime')] [string] $GatewayPath
    )
    $path = $GatewayPath.ToLowerInvariant()
    $rules = @($RulesFile.rules | Where-Object {
            $_.enabled -and $_.markerMethod -eq $MarkerConfig.Method -and ($_.path -eq 'any' -or $_.path -eq $path)
        } | Sort-Object priority)
    # As written in rules.json unless the policy names another "yes" value; then built the same
    # way as the simulator builds it (test/helpers/gateway-simulator.ts).
    $customYes = $MarkerConfig.Yes -cne $RulesFile.markers.encrypt.yes
    $yesPattern = '^' + [regex]::Escape($MarkerConfig.Yes) + '$'
    foreach ($rule in $rules) {
        foreach ($part in @($rule.conditions, $(if ($rule.PSObject.Properties['exceptions']) { $rule.exceptions }))) {
            if ($null -eq $part) { continue }
            $hm = $part.PSObject.Properties['headerMatches']
            if ($hm) {
                if ($hm.Value.marker -eq 'encrypt') { $hm.Value.headerName = $MarkerConfig.EncryptHeader }
                if ($hm.Value.marker -eq 'sign') { $hm.Value.headerName = $MarkerConfig.SignHeader }
                if ($customYes -and $hm.Value.marker -in 'encrypt', 'sign') { $hm.Value.pattern = $yesPattern }
            }
        }
        $rh = $rule.actions.PSObject.Properties['removeHeader']
        if ($rh) {
            if ($rh.Value.marker -eq 'encrypt') { $rh.Value.headerName = $MarkerConfig.EncryptHeader }
            if ($rh.Value.marker -eq 'sign') { $rh.Value.headerName = $MarkerConfig.SignHeader }
        }
    }
    return $rules
}

function ConvertTo-PredicateParameters {
    param($Predicates, [string] $Prefix)
    $p = [ordered]@{}
    if ($null -eq $Predicates) { return $p }
    $props = $Predicates.PSObject.Properties
    if ($props['sentToScope']) { $p["${Prefix}SentToScope"] = $Predicates.sentToScope }
    if ($props['headerMatches']) {
        $p["${Prefix}HeaderMatchesMessageHeader"] = $Predicates.headerMatches.headerName
        $p["${Prefix}HeaderMatchesPatterns"] = @($Predicates.headerMatches.pattern)
    }
    if ($props['subjectMatches']) { $p["${Prefix}SubjectMatchesPatterns"] = @($Predicates.subjectMatches.pattern) }
    if ($props['messageContainsDataClassifications']) {
        # Syntax from New-TransportRule: @{Name="..."; minCount="1"}, ...
        $p["${Prefix}MessageContainsDataClassifications"] = @($Predicates.messageContainsDataClassifications | ForEach-Object {
                @{ Name = [string]$_.name; minCount = [string]$_.minCount }
            })
    }
    return $p
}

function ConvertTo-TransportRuleParameters {
    <# New-TransportRule / Set-TransportRule parameters for one rule from rules.json (no Name, no Enabled). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Rule, [int] $BasePriority = 0)
    $p = [ordered]@{
        Priority        = $BasePriority + [int]$Rule.priority
        Mode            = $Rule.mode
        RuleErrorAction = $Rule.ruleErrorAction
        Comments        = "Sikker Post ($($Rule.id)): $($Rule.comments)"
    }
    foreach ($kv in (ConvertTo-PredicateParameters $Rule.conditions '').GetEnumerator()) { $p[$kv.Key] = $kv.Value }
    if ($Rule.PSObject.Properties['exceptions']) {
        foreach ($kv in (ConvertTo-PredicateParameters $Rule.exceptions 'ExceptIf').GetEnumerator()) { $p[$kv.Key] = $kv.Value }
    }
    $a = $Rule.actions.PSObject.Properties
    if ($a['applyRightsProtectionTemplate']) { $p.ApplyRightsProtectionTemplate = $Rule.actions.applyRightsProtectionTemplate }
    if ($a['routeMessageOutboundConnector']) { $p.RouteMessageOutboundConnector = $Rule.actions.routeMessageOutboundConnector }
    if ($a['rejectMessageReasonText']) { $p.RejectMessageReasonText = $Rule.actions.rejectMessageReasonText }
    if ($a['removeHeader']) { $p.RemoveHeader = $Rule.actions.removeHeader.headerName }
    return $p
}

Export-ModuleMember -Function Read-SikkerPostRules, Get-SikkerPostMarkerConfig, Select-SikkerPostRules, ConvertTo-TransportRuleParameters
