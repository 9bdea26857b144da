import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { API_VERSIONS } from './api-versions';
import { clientOptions, type ArmConnection } from './connection';

/** SDK clients, one per subscription, created on first use. */
export class ArmClients {
  private readonly ml = new Map<string, AzureMachineLearningWorkspaces>();

  constructor(readonly connection: ArmConnection) {}

  machineLearning(subscriptionId: string): AzureMachineLearningWorkspaces {
    const key = subscriptionId.toLowerCase();
    let client = this.ml.get(key);
    if (!client) {
      client = new AzureMachineLearningWorkspaces(this.connection.credential, subscriptionId, {
        ...clientOptions(this.connection),
        apiVersion: API_VERSIONS.machineLearning,
      });
      this.ml.set(key, client);
    }
    return client;
  }
}
