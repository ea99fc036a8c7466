namespace Forewarn.Engine.Prevention;

/// <summary>The fraud types of DESIGN §6: wire code, Chinese name, and the words that betray them.</summary>
public static class FraudTypes
{
    /// <summary>One fraud type.</summary>
    public sealed record FraudType(string Code, string Chinese, string English, string[] Keywords, string Advice);

    /// <summary>All of them, most common in Chongqing first.</summary>
    public static IReadOnlyList<FraudType> All { get; } =
    [
        new("task_rebate", "刷单返利", "Task-rebate scam", ["刷单", "返利", "点赞", "做任务", "垫付", "佣金", "兼职", "关注抖音", "先付后返"],
            "凡是要求先垫付资金的刷单、点赞兼职都是诈骗。"),
        new("fake_shopping", "虚假购物服务", "Fake shopping or service", ["低价", "代购", "预售", "定金", "门票", "演唱会", "内部渠道", "购物"],
            "不通过私下转账购买低价商品或门票，只在正规平台交易。"),
        new("fake_customer_service", "冒充电商物流客服", "Fake customer service", ["客服", "退款", "理赔", "快递丢失", "百万保障", "校园贷", "注销", "会员自动续费"],
            "真正的客服不会让你下载会议软件、共享屏幕或转账。"),
        new("fake_investment", "虚假网络投资理财", "Fake investment (incl. pig-butchering)", ["投资", "理财", "炒股", "数字货币", "虚拟币", "导师", "高收益", "稳赚", "内幕"],
            "网上结识的“导师”推荐的高收益投资平台都是骗局。"),
        new("fake_credit", "虚假征信", "Fake credit repair", ["征信", "修复", "逾期", "信用记录", "消除不良"],
            "征信无法花钱修复，任何自称能修复征信的都是诈骗。"),
        new("fake_loan", "虚假网络贷款", "Fake loan", ["贷款", "无抵押", "低息", "放款", "解冻金", "验资", "保证金", "刷流水"],
            "放款前要求交任何费用的网贷都是诈骗。"),
        new("fake_police", "冒充公检法", "Fake police or prosecutor", ["公安", "警官", "通缉", "洗钱", "安全账户", "检察院", "法院", "逮捕令", "涉嫌"],
            "公检法机关不会电话办案，更没有“安全账户”。"),
        new("fake_boss", "冒充领导熟人", "Fake boss or acquaintance", ["领导", "老板", "熟人", "老同学", "换号了", "急用钱", "帮我转"],
            "自称领导熟人借钱或要求转账，务必当面或电话核实。"),
        new("game_trading", "网络游戏虚假交易", "Game trading scam", ["游戏", "装备", "账号交易", "皮肤", "点卡", "代练"],
            "游戏装备和账号只在官方平台交易。"),
        new("romance", "网络婚恋交友", "Romance scam", ["交友", "婚恋", "网恋", "相亲", "男朋友", "女朋友", "见面"],
            "从未见面的网友以各种理由要钱，都是诈骗。"),
    ];

    /// <summary>The type of a wire code, or null.</summary>
    public static FraudType? Find(string? code) => All.FirstOrDefault(t => t.Code == code);

    /// <summary>
    /// A transparent keyword classifier for citizens' reports: the type with the most keyword hits, and a confidence that
    /// grows with the hits. Null when no keyword appears. (A trained text classifier can replace it; this is the fallback.)
    /// </summary>
    public static (FraudType Type, double Confidence)? Classify(string text)
    {
        var best = All.Select(t => (Type: t, Hits: t.Keywords.Count(k => text.Contains(k, StringComparison.OrdinalIgnoreCase))))
            .Where(x => x.Hits > 0).OrderByDescending(x => x.Hits).FirstOrDefault();
        return best.Type is null ? null : (best.Type, Math.Round(best.Hits / (best.Hits + 1.0), 2));
    }
}
