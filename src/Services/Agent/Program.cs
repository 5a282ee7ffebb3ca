using Netra.Agent;

await AgentApp.Create(args).RunAsync();
