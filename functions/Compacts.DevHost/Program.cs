using Compacts.DevHost;

using var timeline = new StartupTimeline(TimeProvider.System); // first: marks the entry of Main
await using var app = DevHostApp.Build(args, timeline: timeline);
timeline.Built();
await app.StartAsync();
timeline.Listening();
await app.WaitForShutdownAsync();
