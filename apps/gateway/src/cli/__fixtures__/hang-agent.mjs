// A command agent that never answers: it connects to the test's TCP server (argv[2]), so the test knows the turn
// is in the agent, and exits when that connection closes (the test's cleanup), never before.
import { connect } from 'node:net';

const socket = connect(Number(process.argv[2]), '127.0.0.1');
socket.on('close', () => process.exit(0));
socket.on('error', () => process.exit(0));
