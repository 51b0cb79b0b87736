namespace Compacts.Functions.Tests;

/// <summary>
/// A read that began before an admin's write and ends after it must not cache what it saw: the change takes effect at once on
/// the instance that made it. The gate holds the read after storage answered it, so it provably overlaps the write.
/// </summary>
public sealed class CacheRaceTests : SeededAppTests
{
    [Fact]
    public async Task A_reporter_moved_to_another_unit_during_a_read_of_them_loses_the_old_unit_at_once()
    {
        var users = App.Get<UserStore>();
        var id = Principals.ReporterId("nghe-an");
        var held = App.Gate.Arm(ReplyGate.EntityRead(Tables.UsersName));
        var read = users.GetAsync(id, default);
        await held; // the read has storage's answer: nghe-an

        await users.PutAsync(new User(id, "ha-tinh", "Cán bộ"), default);
        App.Gate.Release();

        Assert.Equal("nghe-an", (await read)!.UnitId); // it began before the move
        Assert.Equal("ha-tinh", (await users.GetAsync(id, default))!.UnitId);
        var put = await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("nghe-an"), Calls.ReportBody()), "2024-03", "nghe-an");
        Assert.Equal(403, put.Status);
        Assert.Equal(404, (await App.GetReport(Principals.Admin, "2024-03", "nghe-an")).Status);
    }

    [Fact]
    public async Task A_member_removed_during_a_read_of_the_compact_is_no_member_at_once()
    {
        var compacts = App.Get<CompactStore>();
        var held = App.Gate.Arm(ReplyGate.EntityRead(Tables.CompactsName));
        var read = compacts.GetAsync(TestApp.CompactId, default);
        await held;

        var (compact, _) = CompactValidator.Validate(TestApp.DemoCompactDraft());
        await compacts.PutAsync(TestApp.CompactId, compact! with { Members = [.. compact.Members.Where(m => m.UnitId != "quang-binh")] }, null, false, default);
        App.Gate.Release();

        Assert.True((await read)!.Compact.IsMember("quang-binh")); // it began before the removal
        Assert.False((await compacts.GetAsync(TestApp.CompactId, default))!.Compact.IsMember("quang-binh"));
    }
}
