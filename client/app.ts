import type { PropsWithChildren } from 'react';
import { installH5Platform } from './platform/h5';
import './app.css';

// In the browser (the local shop) the cloud and the payment sheet are the local ones; in the mini
// program they are WeChat's. Done before the first page renders. The branch is a build-time constant.
if (process.env.TARO_ENV === 'h5') installH5Platform();

// The app shell: Taro renders the current page as `children`.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
