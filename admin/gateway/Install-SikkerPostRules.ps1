<#
.SYNOPSIS
    Creates or updates Sikker Post's mail flow rules in Exchange Online from rules.json.

.DESCRIPTION
    Reads rules.json (next to this script), picks the rules for the marker method and gateway
    path, and for each rule: when a rule with that name exists, updates it (Set-TransportRule)
    and enables it; otherwise creates it (New-TransportRule). Running it twice changes nothing
    the second time. Rules the organisation has of its own are not touched.

    The marker names must be the ones in the add-in's policy (send.markers.headers). Give
    -PolicyPath to read them from the policy file, or -HeaderName/-SignHeaderName/-EncryptValue.

    You must already be connected: Connect-ExchangeOnline (ExchangeOnlineManagement module),
    as an admin who may manage transport rules. Then run Test-SikkerPostGateway.ps1.
    See docs/gateway.md.

.PARAMETER PolicyPath
    The add-in's policy.json; its send.markers (method, headers) set the marker names.

.PARAMETER MarkerMethod
    Headers (default) or Subject: which markers the add-in writes (policy send.markers.method).

.PARAMETER GatewayPath
    Ome (default): Microsoft Purview Message Encryption. Smime: route marked mail to the
    outbound connector named in rules.json, whose smart host signs and encrypts.

.PARAMETER HeaderName
    The encrypt marker's header name (policy send.markers.headers.encrypt).

.PARAMETER SignHeaderName
    The sign marker's header name (policy send.markers.headers.sign).

.PARAMETER EncryptValue
    The value that means "encrypt" (policy send.markers.headers.yes). Matched exactly.

.PARAMETER BasePriority
    Priority of the first rule; the others follow in rules.json's order. Default 0 (first).

.PARAMETER RulesPath
    Another rules.json, for testing.

.EXAMPLE
    Connect-ExchangeOnline -UserPrincipalName admin@kommune.onmicrosoft.com
    .\Install-SikkerPostRules.ps1 -PolicyPath .\policy.json -WhatIf
    .\Install-SikkerPostRules.ps1 -PolicyPath .\policy.json

.EXAMPLE
    .\Install-SikkerPostRules.ps1 -HeaderName X-Kommune-Krypter -EncryptValue ja

.NOTES
    Cmdlets: New-TransportRule, Set-TransportRule, Get-TransportRule, Enable-TransportRule
    https://learn.microsoft.com/powershell/module/exchangepowershell/new-transportrule
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $PolicyPath,
    [ValidateSet('Headers', 'Subject', '')] [string] $MarkerMethod = '',
    [ValidateSet('Ome', 'Smime')] [string] $GatewayPath = 'Ome',
    [string] $HeaderName,
    [string] $SignHeaderName,
    [string] $EncryptValue,
    [ValidateRange(0, 1000)] [int] $BasePriority = 0,
    [string] $RulesPath = (Join-Path $PSScriptRoot 'rules.json')
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'SikkerPostRules.psm1') -Force

if (-not (Get-Command Get-TransportRule -ErrorAction SilentlyContinue)) {
    throw 'Not connected to Exchange Online: run Connect-ExchangeOnline first.'
}

$file = Read-SikkerPostRules -RulesPath $RulesPath
$markers = Get-SikkerPostMarkerConfig -RulesFile $file -PolicyPath $PolicyPath -MarkerMethod $MarkerMethod `
    -HeaderName $HeaderName -SignHeaderName $SignHeaderName -EncryptValue $EncryptValue
$rules = Select-SikkerPostRules -RulesFile $file -MarkerConfig $markers -GatewayPath $GatewayPath
Write-Host "Marker method: $($markers.Method); encrypt marker: $($markers.EncryptHeader) = $($markers.Yes); path: $GatewayPath"

foreach ($rule in $rules) {
    $params = ConvertTo-TransportRuleParameters -Rule $rule -BasePriority $BasePriority
    if ($params.Contains('MessageContainsDataClassifications')) {
        Write-Warning ("'$($rule.name)': Microsoft's New-TransportRule reference says MessageContainsDataClassifications " +
            'is functional only in on-premises Exchange. Check with Test-SikkerPostGateway.ps1 that this rule fires in your ' +
            'tenant, or use the Purview DLP backstop in docs/gateway.md.')
    }
    $existing = Get-TransportRule -Identity $rule.name -ErrorAction SilentlyContinue
    if ($existing) {
        if ($PSCmdlet.ShouldProcess($rule.name, 'Set-TransportRule')) {
            Set-TransportRule -Identity $rule.name @params
            if ($existing.State -ne 'Enabled') { Enable-TransportRule -Identity $rule.name }
            Write-Host "Updated: $($rule.name)"
        }
    } else {
        if ($PSCmdlet.ShouldProcess($rule.name, 'New-TransportRule')) {
            New-TransportRule -Name $rule.name -Enabled $true @params | Out-Null
            Write-Host "Created: $($rule.name)"
        }
    }
}

# Rules from the other marker method or path stay as they are, but say so: two encrypt rules do no
# harm, while an old backstop with another marker name would reject mail the add-in marked.
$others = @($file.rules | Where-Object { $rules.name -notcontains $_.name } | ForEach-Object {
        Get-TransportRule -Identity $_.name -ErrorAction SilentlyContinue
    } | Where-Object { $_ -and $_.State -eq 'Enabled' })
foreach ($o in $others) { Write-Warning "Also enabled, not part of this setup: '$($o.Name)'. Disable it if it is left over (Disable-TransportRule)." }
Write-Host 'Done. Next: .\Test-SikkerPostGateway.ps1 -PolicyPath <policy.json> -SendReportTo <your address>'
