import { contextBridge, ipcRenderer } from 'electron';
import { createShellApiObject } from './shell-api-object';

// The page sees only these three functions, never ipcRenderer (contextIsolation keeps the worlds apart).
contextBridge.exposeInMainWorld('rindaShell', createShellApiObject((channel, ...args) => ipcRenderer.invoke(channel, ...args)));
