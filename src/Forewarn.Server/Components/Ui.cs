using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Common;
using Forewarn.Server.Features.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Components;

/// <summary>Small things every page needs: the user's home, names of codes in both languages, times in China time, problem text.</summary>
public static class Ui
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static string Home(ClaimsPrincipal user) =>
        user.IsInRole(Roles.DistrictDispatcher) ? "/queue"
        : user.IsInRole(Roles.StationOfficer) ? "/tasks"
        : user.IsInRole(Roles.GridWorker) ? "/visits"
        : user.IsInRole(Roles.CityAnalyst) ? "/board"
        : user.IsInRole(Roles.SystemAdmin) || user.IsInRole(Roles.SecurityAdmin) ? "/admin/users"
        : user.IsInRole(Roles.AuditAdmin) ? "/audit"
        : "/password";

    public static string RoleName(string role) => L.T(Roles.ChineseName(role), role.Replace('_', ' '));

    public static string DisplayName(ClaimsPrincipal user) => user.FindFirstValue(CookieSignIn.DisplayName) ?? user.Identity?.Name ?? "";

    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToOffset(China).ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    public static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    public static string LevelName(string wire) => RiskLevels.TryParse(wire, out var l) ? L.T(RiskLevels.ChineseName(l), Capital(wire)) : wire;

    public static string LevelName(RiskLevel level) => LevelName(RiskLevels.ToWire(level));

    public static string StepName(string wire) => wire switch
    {
        "new" => L.T("待签收", "New"),
        "signed_for" => L.T("已签收", "Signed for"),
        "called" => L.T("电话劝阻", "Called"),
        "assessed" => L.T("研判", "Assessed"),
        "finding" => L.T("上门寻找", "Finding"),
        "verified" => L.T("核实身份", "Verified"),
        "warned_in_person" => L.T("会面宣防", "Warned in person"),
        "fed_back" => L.T("平台反馈", "Fed back"),
        _ => wire,
    };

    public static string OutcomeName(string? wire) => wire switch
    {
        "dissuaded" => L.T("劝阻成功", "Dissuaded"),
        "defrauded" => L.T("已被骗", "Already defrauded"),
        "not_fraud" => L.T("误报", "Not fraud"),
        "unreachable" => L.T("无法联系", "Unreachable"),
        "refused" => L.T("拒不配合", "Refused"),
        "transferred_out" => L.T("移交市外", "Transferred out"),
        null => "—",
        _ => wire,
    };

    public static string ChannelName(string wire) => wire switch
    {
        "call" => L.T("96110 电话", "96110 call"),
        "robocall" => L.T("语音外呼", "Robocall"),
        "sms" => L.T("短信", "SMS"),
        "visit" => L.T("上门", "Visit"),
        "relative" => L.T("亲友", "Relative"),
        "operator" => L.T("运营商", "Operator"),
        "bank" => L.T("银行", "Bank"),
        _ => wire,
    };

    public static string ResultName(string wire) => wire switch
    {
        "reached" => L.T("已接通", "Reached"),
        "busy" => L.T("占线", "Busy"),
        "no_answer" => L.T("无人接听", "No answer"),
        "wrong_number" => L.T("号码错误", "Wrong number"),
        "refused" => L.T("拒绝沟通", "Refused"),
        "not_found" => L.T("未找到本人", "Not found"),
        "verified" => L.T("已核实身份", "Verified"),
        "warned" => L.T("已当面宣防", "Warned in person"),
        _ => wire,
    };

    public static string EventName(string kind) => kind switch
    {
        "raised" => L.T("生成预警", "Raised"),
        "joined" => L.T("新信号并入", "Signal joined"),
        "level_raised" => L.T("等级升高", "Level raised"),
        "rerouted" => L.T("改派", "Re-routed"),
        "signed_for" => L.T("签收", "Signed for"),
        "claimed" => L.T("认领", "Claimed"),
        "released" => L.T("释放", "Released"),
        "contact_attempt" => L.T("联系记录", "Contact attempt"),
        "assessed" => L.T("研判", "Assessed"),
        "visit" => L.T("上门走访", "Visit"),
        "payment_stop" => L.T("止付/冻结请求", "Stop-pay / freeze request"),
        "line_cut" => L.T("拦截请求", "Block request"),
        "outbound_acknowledged" => L.T("对方已确认", "Acknowledged"),
        "transferred" => L.T("移交", "Transferred"),
        "closed" => L.T("办结反馈", "Closed"),
        "sla_warning" => L.T("时限提醒", "Deadline warning"),
        "sla_breach" => L.T("超时", "Deadline breached"),
        "sla_escalation" => L.T("超时上报", "Escalated"),
        _ => kind,
    };

    /// <summary>The text of a handler's answer: its success message, or the problem's detail and field errors.</summary>
    public static (bool Ok, string Message) Outcome(IResult result, string success)
    {
        if (result is not ProblemHttpResult problem)
        {
            return (true, success);
        }
        var text = problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "";
        if (problem.ProblemDetails.Extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> fields)
        {
            text += "：" + string.Join("；", fields.SelectMany(f => f.Value));
        }
        return (false, text);
    }

    /// <summary>
    /// The page's language for a link to an API file (an export): the API otherwise follows the browser's Accept-Language,
    /// not the language the user picked in the UI.
    /// </summary>
    public static string CultureQuery => "culture=" + (L.IsEnglish ? "en" : "zh-CN");

    /// <summary>
    /// Answers 404 with the page's own "not found or outside your jurisdiction" text. The status is set as the headers go out:
    /// a 404 set while rendering makes static SSR drop the page for a bare status-code answer.
    /// </summary>
    public static void NotFound(HttpContext http) =>
        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

    public static string JsonOf(object value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
