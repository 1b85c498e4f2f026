<#
.SYNOPSIS
    Self-test of Sikker Post's mail flow rules; on success writes the gateway attestation into
    the add-in's policy file.

.DESCRIPTION
    1. Checks that every rule rules.json defines for your marker method and path exists, is
       enabled, runs in Mode Enforce, has the expected conditions, exceptions and actions (with
       your policy's marker names) and stands in rules.json's order (Get-TransportRule).
    2. Sends two test messages through Test-Message (-TransportRules -UnifiedDlpRules): one
       marked for encryption and one unmarked, both to an external address and both holding a
       made-up CPR number that passes modulus 11. Exchange mails the reports to -SendReportTo.
    3. Asks you to confirm that the first report shows the encrypt (or route) rule and the
       second the backstop rule.
    4. Writes send.gateway into -PolicyPath: verifiedAt (now, UTC), maxAgeDays, signs,
       verifiedBy, tenant and the names of the checked rules. The rest of the file is kept.

    When a check fails it writes nothing, prints the reason and exits with code 1.
    The add-in trusts the markers only while verifiedAt is at most maxAgeDays old: run this
    again after changing rules, and at least that often. Rebuild or republish the policy after.

    Needs PowerShell 7.2 or later and a Connect-ExchangeOnline session. See docs/gateway.md.

.PARAMETER PolicyPath
    The add-in's policy.json. Its send.markers give the marker names; send.gateway is written.

.PARAMETER SendReportTo
    Where Exchange mails Test-Message's reports (your own mailbox).

.PARAMETER Sender
    An internal mailbox to send the test messages as (default: -SendReportTo).

.PARAMETER ExternalRecipient
    An address outside the organisation for the test messages. Test-Message only simulates;
    nothing is delivered to it.

.PARAMETER MaxAgeDays
    How long the attestation is valid, 1-366 days. Default 31.

.PARAMETER Signs
    Only with -GatewayPath Smime, and only when that gateway really signs marked mail.

.PARAMETER Force
    Do not ask about the reports: only when you have read the reports of an earlier run
    with the same rules.

.EXAMPLE
    Connect-ExchangeOnline -UserPrincipalName admin@kommune.onmicrosoft.com
    .\Test-SikkerPostGateway.ps1 -PolicyPath .\policy.json -SendReportTo admin@kommune.dk

.NOTES
    Test-Message: https://learn.microsoft.com/powershell/module/exchangepowershell/test-message
    Get-TransportRule: https://learn.microsoft.com/powershell/module/exchangepowershell/get-transportrule
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PolicyPath,
    [Parameter(Mandatory)] [string] $SendReportTo,
    [string] $Sender,
    [string] $ExternalRecipient = 'sikker-post-selvtest@example.com',
    [ValidateRange(1, 366)] [int] $MaxAgeDays = 31,
    [ValidateSet('Headers', 'Subject', '')] [string] $MarkerMethod = '',
    [ValidateSet('Ome', 'Smime')] [string] $GatewayPath = 'Ome',
    [string] $HeaderName,
    [string] $SignHeaderName,
    [string] $EncryptValue,
    [switch] $Signs,
    [string] $Tenant,
    [switch] $Force,
    [string] $RulesPath = (Join-Path $PSScriptRoot 'rules.json')
)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ScriptVersion = 1
Import-Module (Join-Path $PSScriptRoot 'SikkerPostRules.psm1') -Force

$failures = [System.Collections.Generic.List[string]]::new()
function Fail([string] $reason) { $failures.Add($reason); Write-Host "FAIL  $reason" -ForegroundColor Red }
function Pass([string] $what) { Write-Host "ok    $what" -ForegroundColor Green }
function Stop-IfFailed {
    if ($failures.Count -gt 0) {
        Write-Host "`nNot attested: $($failures.Count) check(s) failed. $PolicyPath was not changed." -ForegroundColor Red
        exit 1
    }
}

if ($Signs -and $GatewayPath -ne 'Smime') {
    Write-Host '-Signs needs -GatewayPath Smime: Purview Message Encryption does not sign.' -ForegroundColor Red
    exit 1
}
if (-not (Get-Command Get-TransportRule -ErrorAction SilentlyContinue)) {
    Write-Host 'Not connected to Exchange Online: run Connect-ExchangeOnline first.' -ForegroundColor Red
    exit 1
}
if (-not $Sender) { $Sender = $SendReportTo }

$file = Read-SikkerPostRules -RulesPath $RulesPath
$markers = Get-SikkerPostMarkerConfig -RulesFile $file -PolicyPath $PolicyPath -MarkerMethod $MarkerMethod `
    -HeaderName $HeaderName -SignHeaderName $SignHeaderName -EncryptValue $EncryptValue
$rules = @(Select-SikkerPostRules -RulesFile $file -MarkerConfig $markers -GatewayPath $GatewayPath)

# --- 1. The rules as configured ----------------------------------------------------------
function Format-Value($v) {
    if ($null -eq $v) { return '' }
    if ($v -is [System.Collections.IEnumerable] -and $v -isnot [string]) { return (@($v | ForEach-Object { "$_" }) -join ',') }
    return "$v"
}
$priorities = @()
foreach ($rule in $rules) {
    $actual = Get-TransportRule -Identity $rule.name -ErrorAction SilentlyContinue
    if (-not $actual) { Fail "'$($rule.name)' does not exist (run Install-SikkerPostRules.ps1)"; continue }
    if ("$($actual.State)" -ne 'Enabled') { Fail "'$($rule.name)' is $($actual.State), not Enabled" }
    if ("$($actual.Mode)" -ne 'Enforce') { Fail "'$($rule.name)' runs in Mode $($actual.Mode), not Enforce" }
    $expected = ConvertTo-TransportRuleParameters -Rule $rule
    foreach ($key in $expected.Keys) {
        if ($key -in 'Priority', 'Comments', 'Mode') { continue }
        $have = $actual.PSObject.Properties[$key]
        if (-not $have) { Fail "'$($rule.name)': Get-TransportRule shows no $key"; continue }
        if ($key -like '*MessageContainsDataClassifications') {
            foreach ($c in $expected[$key]) {
                if ((Format-Value $have.Value) -notlike "*$($c.Name)*") { Fail "'$($rule.name)': $key lacks '$($c.Name)'" }
            }
            continue
        }
        $want = Format-Value $expected[$key]
        $got = Format-Value $have.Value
        if ($got -ne $want) { Fail "'$($rule.name)': $key is '$got', expected '$want'" }
    }
    $priorities += [int]$actual.Priority
    Pass "$($rule.name) (priority $($actual.Priority))"
}
for ($i = 1; $i -lt $priorities.Count; $i++) {
    if ($priorities[$i] -le $priorities[$i - 1]) {
        Fail "The rules are not in rules.json's order (priorities $($priorities -join ', ')): the backstop must run before the marker removal"
        break
    }
}
Stop-IfFailed

# --- 2. Test-Message ----------------------------------------------------------------------
function Test-Modulus11([string] $digits) {
    $weights = 4, 3, 2, 7, 6, 5, 4, 3, 2, 1
    $sum = 0
    for ($i = 0; $i -lt 10; $i++) { $sum += [int]::Parse($digits[$i]) * $weights[$i] }
    return ($sum % 11) -eq 0
}
$testCpr = '150372-1224'   # made up; must pass modulus 11 so Purview's checksum accepts it
if (-not (Test-Modulus11 ($testCpr -replace '-', ''))) { throw "Test CPR $testCpr fails modulus 11" }

function New-TestEml([bool] $marked) {
    $subject = 'Sikker Post selvtest ' + $(if ($marked) { 'markeret' } else { 'umarkeret' })
    $extra = @()
    if ($markers.Method -eq 'subject') {
        if ($marked) { $subject = "$($file.markers.subjectCodes.encrypt) $subject" }
    } elseif ($marked) {
        $extra += "$($markers.EncryptHeader): $($markers.Yes)"
    }
    $lines = @(
        "From: $Sender"
        "To: $ExternalRecipient"
        "Subject: $subject"
        "Date: $([DateTime]::UtcNow.ToString('r'))"
        "Message-ID: <$([guid]::NewGuid())@sikker-post.selvtest>"
        'MIME-Version: 1.0'
    ) + $extra + @(
        'Content-Type: text/plain; charset=utf-8'
        'Content-Transfer-Encoding: 8bit'
        ''
        'Dette er en test af Sikker Posts regler. Personen findes ikke.'
        "CPR-nr.: $testCpr"
        ''
    )
    return [System.Text.Encoding]::UTF8.GetBytes(($lines -join "`r`n"))
}

$protect = $rules | Where-Object { $_.actions.PSObject.Properties['applyRightsProtectionTemplate'] -or $_.actions.PSObject.Properties['routeMessageOutboundConnector'] } | Select-Object -First 1
$backstop = $rules | Where-Object { $_.actions.PSObject.Properties['rejectMessageReasonText'] } | Select-Object -First 1
foreach ($case in @(@{ Marked = $true; Expect = $protect.name }, @{ Marked = $false; Expect = $backstop.name })) {
    try {
        Test-Message -Sender $Sender -Recipients $ExternalRecipient -SendReportTo $SendReportTo `
            -MessageFileData (New-TestEml $case.Marked) -TransportRules -UnifiedDlpRules -Force | Out-Null
        Pass "Test-Message ($(if ($case.Marked) { 'marked' } else { 'unmarked' })): report sent to $SendReportTo; it must show '$($case.Expect)'"
    } catch {
        Fail "Test-Message failed: $($_.Exception.Message)"
    }
}
Stop-IfFailed

# --- 3. The reports -----------------------------------------------------------------------
if (-not $Force) {
    Write-Host "`nOpen the two reports in $SendReportTo's mailbox (they can take a few minutes)."
    $answer = Read-Host "Does the marked report show '$($protect.name)' and the unmarked one '$($backstop.name)'? (ja/nej)"
    if ($answer -notmatch '^(j|ja|y|yes)$') { Fail 'The Test-Message reports were not confirmed' }
}
Stop-IfFailed

# --- 4. The attestation -------------------------------------------------------------------
if (-not $Tenant) {
    $Tenant = (Get-AcceptedDomain | Where-Object { $_.DomainName -like '*.onmicrosoft.com' -and $_.DomainName -notlike '*.mail.onmicrosoft.com' } |
        Select-Object -First 1).DomainName
}
$attestation = [ordered]@{
    verifiedAt = [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture)
    maxAgeDays = $MaxAgeDays
    signs      = [bool]$Signs
    verifiedBy = "Test-SikkerPostGateway.ps1 $ScriptVersion"
    tenant     = "$Tenant"
    rules      = @($rules | ForEach-Object { $_.name })
}
# System.Text.Json keeps every other value of the policy as written (ConvertFrom-Json would turn
# date-like strings into dates); only the layout is re-indented.
$text = [System.IO.File]::ReadAllText((Resolve-Path $PolicyPath), [System.Text.Encoding]::UTF8)
$root = [System.Text.Json.Nodes.JsonNode]::Parse($text)
if ($null -eq $root['send']) { $root['send'] = [System.Text.Json.Nodes.JsonObject]::new() }
$root['send']['gateway'] = [System.Text.Json.Nodes.JsonNode]::Parse(($attestation | ConvertTo-Json -Depth 5 -Compress))
$options = [System.Text.Json.JsonSerializerOptions]::new()
$options.WriteIndented = $true
$options.Encoder = [System.Text.Encodings.Web.JavaScriptEncoder]::UnsafeRelaxedJsonEscaping
[System.IO.File]::WriteAllText((Resolve-Path $PolicyPath), $root.ToJsonString($options) + "`n", [System.Text.UTF8Encoding]::new($false))
Write-Host "`nAttested in $PolicyPath (valid $MaxAgeDays days from $($attestation.verifiedAt)). Rebuild or republish the policy." -ForegroundColor Green
exit 0
