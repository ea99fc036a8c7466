using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.WatchLists;

/// <summary>Cut the flow (断流): watch lists of recruiters and people at risk of illegal exit. Staff read; <see cref="CrackdownPolicies.Write"/> adds and reviews.</summary>
public static class WatchListsSetup
{
    public static WebApplication MapWatchListsArea(this WebApplication app)
    {
        var lists = app.MapGroup("/api/v1/watch-lists").WithTags("WatchLists").Audited();
        lists.MapGet("/", ReadWatchLists.List).RequireAuthorization(Policies.Staff);
        lists.MapGet("/due", ReadWatchLists.Due).RequireAuthorization(Policies.Staff);
        lists.MapGet("/{id:long}", ReadWatchLists.Get).RequireAuthorization(Policies.Staff);
        lists.MapPost("/", AddToWatchList.Handle).RequireAuthorization(CrackdownPolicies.Write);
        lists.MapPost("/{id:long}/review", ReviewWatchEntry.Handle).RequireAuthorization(CrackdownPolicies.Write);
        return app;
    }
}
