// Reads one simulation per line on stdin ({"id": "...", "simulation": {...}}) and answers one line per
// simulation on stdout ({"id", "decision", "errors"}), in order. One process serves a whole test class.
import { createInterface } from 'node:readline'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of lines) {
  if (line.trim().length === 0) continue
  let id = null
  try {
    const request = JSON.parse(line)
    id = request.id
    const response = await runSimulation(request.simulation, { simulationMode: 'Strict' })
    const answer =
      response.resultType === 'error'
        ? { id, decision: 'Error', errors: response.errors }
        : { id, decision: response.overallResult, errors: null }
    process.stdout.write(JSON.stringify(answer) + '\n')
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, decision: 'Error', errors: String(error?.stack ?? error) }) + '\n')
  }
}
