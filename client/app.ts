import type { PropsWithChildren } from 'react';
import './app.css';

// In the browser (the local shop) the cloud and the payment sheet are the local ones; in the mini
// program they are WeChat's. Done before the first page renders. The branch is a build-time constant.
// Required inside the branch, not imported: the mini program's bundle then leaves the H5 platform
// (and the qrcode package it draws QR codes with) out.
if (process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./platform/h5') as typeof import('./platform/h5')).installH5Platform();
}

// The app shell: Taro renders the current page as `children`.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
