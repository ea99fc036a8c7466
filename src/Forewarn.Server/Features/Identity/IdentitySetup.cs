using System.Security.Claims;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace Forewarn.Server.Features.Identity;

public static class IdentitySetup
{
    /// <summary>Picks the bearer-token, API-key or web UI cookie handler from the request's headers.</summary>
    public const string Scheme = "Forewarn";

    /// <summary>The web UI's sign-in cookie; used by requests that carry neither <c>Authorization</c> nor <c>X-Api-Key</c>.</summary>
    public const string CookieScheme = "Cookie";

    public static WebApplicationBuilder AddIdentityArea(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenIssuer>();
        services.AddScoped<CookieSignIn>();
        services.AddScoped<SecondFactor>();
        services.AddIdentityCore<AppUser>()
            .AddRoles<IdentityRole>()
            .AddUserManager<ClockedUserManager>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AuthOptions>>((identity, auth) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = auth.Value.MaxFailedLogins;
            identity.Lockout.DefaultLockoutTimeSpan = auth.Value.LockoutDuration;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Password.RequiredLength = 10;
            identity.Password.RequireNonAlphanumeric = false;
            identity.User.RequireUniqueEmail = false;
            identity.ClaimsIdentity.UserIdClaimType = ClaimTypes.NameIdentifier;
        });

        services.AddSingleton<ApiKeyCache>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token, API key or UI cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyAuthentication.Header) ? ApiKeyAuthentication.SchemeName
                : http.Request.Headers.ContainsKey(HeaderNames.Authorization) ? JwtBearerDefaults.AuthenticationScheme
                : CookieScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddJwtBearer()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "forewarn.auth";
                o.Cookie.HttpOnly = true;
                // Strict keeps other sites from riding the cookie into the JSON API, which has no antiforgery check of its own.
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = c => ApiAnswers(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiAnswers(c, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = async c =>
                {
                    if (!await SessionCheck.IsCurrentAsync(c.Principal, c.HttpContext.RequestServices))
                    {
                        c.RejectPrincipal();
                        await c.HttpContext.SignOutAsync(CookieScheme);
                    }
                };
            });
        // The UI session ends after this long without a request (sliding), however long a token would live.
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<AuthOptions>>((cookie, auth) =>
            cookie.ExpireTimeSpan = auth.Value.IdleTimeout);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenIssuer>((jwt, tokens) =>
        {
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Issuer,
                IssuerSigningKey = tokens.Key,
                ClockSkew = TimeSpan.FromSeconds(30),
                RoleClaimType = ClaimTypes.Role,
                NameClaimType = ClaimTypes.Name,
            };
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = async c =>
                {
                    if (!await SessionCheck.IsCurrentAsync(c.Principal, c.HttpContext.RequestServices))
                    {
                        c.Fail("The session has ended.");
                    }
                },
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.AnySignedIn, p => p.RequireRole(Roles.All).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.SystemAdmin, p => p.RequireRole(Roles.SystemAdmin).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.SecurityAdmin, p => p.RequireRole(Roles.SecurityAdmin).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.UserDirectory, p => p.RequireRole(Roles.SystemAdmin, Roles.SecurityAdmin).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.AuditAdmin, p => p.RequireRole(Roles.AuditAdmin).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.PasswordChange, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Signals, p => p.RequireRole(Roles.SourceClient).RequireClaim(ForewarnClaims.Scope, "signals"))
            .AddPolicy(Policies.Contacts, p => p.RequireRole(Roles.SourceClient).RequireClaim(ForewarnClaims.Scope, "contacts"))
            .AddPolicy(Policies.IndicatorsWrite, p => p.AddRequirements(PasswordChanged.Instance).RequireAssertion(c =>
                c.User.IsInRole(Roles.CityAnalyst) || c.User.IsInRole(Roles.SecurityAdmin)
                || c.User.IsInRole(Roles.SourceClient) && c.User.HasClaim(ForewarnClaims.Scope, "indicators")))
            .AddPolicy(Policies.RulesPropose, p => p.RequireRole(Roles.CityAnalyst, Roles.SecurityAdmin).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.ClassifierTrain, p => p.RequireRole(Roles.CityAnalyst, Roles.SecurityAdmin).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.KnowledgeEdit, p => p.RequireRole(Roles.CityAnalyst, Roles.DistrictDispatcher).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.PreventionManage, p => p.RequireRole(Roles.CityAnalyst, Roles.DistrictDispatcher, Roles.StationOfficer)
                .AddRequirements(PasswordChanged.Instance));
        return builder;
    }

    public static WebApplication MapIdentityArea(this WebApplication app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/token", IssueToken.Handle).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/password", ChangePassword.Handle).RequireAuthorization(Policies.PasswordChange).Audited("auth.password");
        auth.MapPost("/totp", EnrolTotp.Begin).RequireAuthorization(Policies.PasswordChange).Audited("auth.totp_enrol");
        auth.MapPost("/totp/confirm", EnrolTotp.Confirm).RequireAuthorization(Policies.PasswordChange).Audited("auth.totp_confirm");

        // 三员分立: the system admin manages accounts, the security admin roles, second factors and API keys.
        var users = app.MapGroup("/api/v1/users").WithTags("Users").Audited();
        users.MapGet("/", ManageUsers.List).RequireAuthorization(Policies.UserDirectory);
        users.MapPost("/", ManageUsers.Create).RequireAuthorization(Policies.SystemAdmin);
        users.MapPost("/{username}/password-reset", ManageUsers.ResetPassword).RequireAuthorization(Policies.SystemAdmin);
        users.MapPut("/{username}/unit", ManageUsers.ChangeUnit).RequireAuthorization(Policies.SystemAdmin);
        users.MapPost("/{username}/disable", DisableUser.Disable).RequireAuthorization(Policies.SystemAdmin);
        users.MapPost("/{username}/enable", DisableUser.Enable).RequireAuthorization(Policies.SystemAdmin);
        users.MapPut("/{username}/roles", AssignRoles.Handle).RequireAuthorization(Policies.SecurityAdmin);
        users.MapPost("/{username}/totp-reset", AssignRoles.ResetTotp).RequireAuthorization(Policies.SecurityAdmin);

        var clients = app.MapGroup("/api/v1/clients").WithTags("Users").RequireAuthorization(Policies.SecurityAdmin).Audited();
        clients.MapGet("/", ManageApiClients.List);
        clients.MapPost("/", ManageApiClients.Create);
        clients.MapPost("/{id:int}/revoke", ManageApiClients.Revoke);
        return app;
    }

    /// <summary>API and hub calls get a status code, not a redirect to the sign-in page.</summary>
    private static Task ApiAnswers(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>Until the bootstrap password is changed and the second factor enrolled, only those endpoints accept the token.</summary>
    private sealed class PasswordChanged : AuthorizationHandler<PasswordChanged>, IAuthorizationRequirement
    {
        public static readonly PasswordChanged Instance = new();

        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PasswordChanged requirement)
        {
            if (!context.User.HasClaim(c => c.Type is ForewarnClaims.MustChangePassword or ForewarnClaims.MustEnrolTotp))
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }
}
