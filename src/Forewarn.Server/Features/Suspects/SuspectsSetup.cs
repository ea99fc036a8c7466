using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Suspects;

/// <summary>Suspects (嫌疑人), groups (团伙), arrests (抓获), prosecution transfers (移送起诉) and dens (窝点). Staff read within their territory; writers per <see cref="CrackdownPolicies.Write"/>.</summary>
public static class SuspectsSetup
{
    public static WebApplication MapSuspectsArea(this WebApplication app)
    {
        var suspects = app.MapGroup("/api/v1/suspects").WithTags("Suspects").Audited();
        suspects.MapGet("/", ReadSuspects.List).RequireAuthorization(Policies.Staff);
        suspects.MapGet("/{id:long}", ReadSuspects.Get).RequireAuthorization(Policies.Staff);
        suspects.MapPost("/", CreateSuspect.Handle).RequireAuthorization(CrackdownPolicies.Write);
        suspects.MapPost("/{id:long}/cases", LinkSuspect.Case).RequireAuthorization(CrackdownPolicies.Write);
        suspects.MapPost("/{id:long}/indicators", LinkSuspect.Indicator).RequireAuthorization(CrackdownPolicies.Write);
        suspects.MapPost("/{id:long}/arrest", RecordArrest.Arrest).RequireAuthorization(CrackdownPolicies.Write);
        suspects.MapPost("/{id:long}/prosecution", RecordArrest.Prosecution).RequireAuthorization(CrackdownPolicies.Write);
        var groups = app.MapGroup("/api/v1/groups").WithTags("Suspects").Audited();
        groups.MapGet("/", ReadGroups.List).RequireAuthorization(Policies.Staff);
        groups.MapGet("/{id:long}", ReadGroups.Get).RequireAuthorization(Policies.Staff);
        groups.MapPost("/", CreateGroup.Handle).RequireAuthorization(CrackdownPolicies.Write);
        groups.MapPost("/{id:long}/members", AddGroupMember.Handle).RequireAuthorization(CrackdownPolicies.Write);
        var dens = app.MapGroup("/api/v1/dens").WithTags("Suspects").Audited();
        dens.MapGet("/", ReadDens.List).RequireAuthorization(Policies.Staff);
        dens.MapGet("/{id:long}", ReadDens.Get).RequireAuthorization(Policies.Staff);
        dens.MapPost("/", CreateDen.Handle).RequireAuthorization(CrackdownPolicies.Write);
        dens.MapPost("/{id:long}/status", ChangeDenStatus.Handle).RequireAuthorization(CrackdownPolicies.Write);
        return app;
    }
}
