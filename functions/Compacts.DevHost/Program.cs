using Compacts.DevHost;

await DevHostApp.Build(args).RunAsync();
