namespace Forewarn.Server.Features.Identity;

/// <summary>The roles of DESIGN §1. Admins are split three ways (三员分立): system, security and audit.</summary>
public static class Roles
{
    public const string CityAnalyst = "city_analyst";
    public const string DistrictDispatcher = "district_dispatcher";
    public const string StationOfficer = "station_officer";
    public const string GridWorker = "grid_worker";
    public const string SystemAdmin = "system_admin";
    public const string SecurityAdmin = "security_admin";
    public const string AuditAdmin = "audit_admin";

    /// <summary>Machines (operators, banks, the national center) calling with an API key.</summary>
    public const string SourceClient = "source_client";

    public static readonly string[] Staff = [CityAnalyst, DistrictDispatcher, StationOfficer, GridWorker];
    public static readonly string[] Admins = [SystemAdmin, SecurityAdmin, AuditAdmin];
    public static readonly string[] All = [.. Staff, .. Admins];

    public static string ChineseName(string role) => role switch
    {
        CityAnalyst => "市反诈中心分析员",
        DistrictDispatcher => "区县反诈中心调度员",
        StationOfficer => "派出所民警",
        GridWorker => "网格员",
        SystemAdmin => "系统管理员",
        SecurityAdmin => "安全管理员",
        AuditAdmin => "审计管理员",
        SourceClient => "数据源客户端",
        _ => role,
    };
}

public static class ForewarnClaims
{
    public const string Unit = "unit";
    public const string UnitPath = "unit_path";
    public const string MustChangePassword = "must_change_password";
    /// <summary>A user who needs the second factor but has not enrolled: only enrolment (and the password change) work.</summary>
    public const string MustEnrolTotp = "must_enrol_totp";
    public const string ApiClientId = "api_client";
    public const string Scope = "scope";

    /// <summary>The setup steps a user still owes before anything but those steps works.</summary>
    public static IEnumerable<System.Security.Claims.Claim> Pending(AppUser user, IList<string> roles)
    {
        if (user.MustChangePassword)
        {
            yield return new(MustChangePassword, "true");
        }
        if (user.RequiresTotp(roles) && !user.TotpEnabled)
        {
            yield return new(MustEnrolTotp, "true");
        }
    }
}

/// <summary>Authorization policy names; every endpoint names one.</summary>
public static class Policies
{
    /// <summary>Operational staff: analysts, dispatchers, officers and grid workers.</summary>
    public const string Staff = "staff";
    public const string AnySignedIn = "any_signed_in";
    public const string SystemAdmin = "system_admin";
    public const string SecurityAdmin = "security_admin";
    public const string AuditAdmin = "audit_admin";
    public const string Signals = "signals";
    public const string Contacts = "contacts";
    /// <summary>Adds and changes indicators: city analysts, security admins, and source clients with the indicators scope.</summary>
    public const string IndicatorsWrite = "indicators_write";
    /// <summary>Rule changes: proposed by a city analyst, approved by a security admin who is not the proposer.</summary>
    public const string RulesPropose = "rules_propose";
    /// <summary>Proposes and approves knowledge-base edits (a second person approves): city analysts and district dispatchers.</summary>
    public const string KnowledgeEdit = "knowledge_edit";
    /// <summary>Builds segments and runs campaigns in their own territory: analysts, dispatchers and station officers.</summary>
    public const string PreventionManage = "prevention_manage";
    /// <summary>Retrains the fraud-type classifier and approves a version someone else trained: city analysts and security admins.</summary>
    public const string ClassifierTrain = "classifier_train";
    /// <summary>A signed-in user who still has to change the bootstrap password or enrol the second factor may call only these.</summary>
    public const string PasswordChange = "password_change";
    /// <summary>The list of users: system admins (who manage accounts) and security admins (who assign roles).</summary>
    public const string UserDirectory = "user_directory";
}
