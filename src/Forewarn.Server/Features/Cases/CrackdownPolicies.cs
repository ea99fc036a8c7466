using Forewarn.Server.Features.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// Who may change crackdown (打击) records. Reads stay with <see cref="Policies.Staff"/> (within the caller's territory).
/// </summary>
public static class CrackdownPolicies
{
    /// <summary>
    /// Files and changes cases, suspects, groups, arrests, dens, two-card measures and watch lists, and asks for an
    /// appeal or restore: city analysts, district dispatchers and station officers — the people who investigate.
    /// Grid workers only read.
    /// </summary>
    public const string Write = "crackdown_write";

    /// <summary>
    /// The second person of a two-card appeal or restore (maker-checker), and the full-number exports for banks and
    /// operators: a city analyst or a security admin, never the person who asked.
    /// </summary>
    public const string Approve = "crackdown_approve";

    public static readonly string[] Writers = [Roles.CityAnalyst, Roles.DistrictDispatcher, Roles.StationOfficer];

    public static readonly string[] Approvers = [Roles.CityAnalyst, Roles.SecurityAdmin];

    public static void Add(AuthorizationBuilder authorization) => authorization
        .AddPolicy(Write, p => p.RequireRole(Writers).RequireAssertion(PasswordChanged))
        .AddPolicy(Approve, p => p.RequireRole(Approvers).RequireAssertion(PasswordChanged));

    /// <summary>Until the bootstrap password is changed only the password endpoint accepts the caller (as every staff policy).</summary>
    private static bool PasswordChanged(AuthorizationHandlerContext c) => !c.User.HasClaim(x => x.Type == ForewarnClaims.MustChangePassword);
}
